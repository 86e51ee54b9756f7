using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AttrMapper.LocalPeers.CognitoLocal;

/// <summary>
/// Sits in front of one cognito-local and forwards every Cognito JSON 1.1 call, correcting only the documented places where
/// cognito-local 5.3.0 answers differently from Cognito (docs/demo.md, "Fidelity"):
/// <list type="bullet">
/// <item>AdminInitiateAuth lets a disabled user sign in: here it answers NotAuthorizedException "User is disabled.".</item>
/// <item>AdminInitiateAuth for an unknown user answers NotAuthorizedException: here UserNotFoundException, as a pool without
/// PreventUserExistenceErrors does (the old pool of a migration usually is one).</item>
/// <item>A wrong password answers InvalidPasswordException: here NotAuthorizedException "Incorrect username or password.".</item>
/// <item>A migrated user carries a <c>username</c> attribute (put there by <see cref="UserMigrationTriggerProxy"/> so cognito-local
/// names the user as Cognito does): AdminGetUser, GetUser and ListUsers answers leave it out.</item>
/// <item>The ID token of a sign-in (AdminInitiateAuth, InitiateAuth) carries only email, email_verified, custom attributes and
/// cognito:groups: here its payload carries every attribute the app client may read (its ReadAttributes, all when unset), typed
/// as Cognito writes them (booleans, updated_at a number, address an object). The token's signature then no longer verifies;
/// nothing here verifies it (the function reads the old pool's token unverified, DESIGN §4).</item>
/// <item>cognito-local has no user import API: with a <see cref="CognitoLocalUserImport"/>, GetCSVHeader, CreateUserImportJob,
/// StartUserImportJob, DescribeUserImportJob, StopUserImportJob and ListUserImportJobs are answered by it, as Cognito does, and the
/// users a job imports land in cognito-local as RESET_REQUIRED.</item>
/// <item>A sign-in (InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge) saves, after its triggers ran, the user record it
/// read before them (cognito-local's storeRefreshToken), so an attribute the post authentication trigger deleted with
/// AdminDeleteUserAttributes comes back; Cognito keeps the deletion. Here each such deletion that passed through this proxy
/// during a sign-in is sent again once the sign-in has answered, before the client sees the answer.</item>
/// </list>
/// Everything else passes through untouched, quirks included.
/// </summary>
public sealed class CognitoFidelityProxy : IAsyncDisposable
{
    /// <summary>The attribute <see cref="UserMigrationTriggerProxy"/> adds so cognito-local keeps the typed username.</summary>
    public const string UsernamePseudoAttribute = "username";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentQueue<string> _operations = new();
    private readonly ConcurrentQueue<byte[]> _deletionsDuringSignIn = new();
    private int _signInsInFlight;
    private readonly Uri _upstream;
    private readonly CognitoLocalUserImport? _imports;
    private LoopbackServer? _server;
    private int _corrections;

    private CognitoFidelityProxy(Uri upstream, CognitoLocalUserImport? imports)
    {
        _upstream = upstream;
        _imports = imports;
    }

    public Uri Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("Not started.");

    /// <summary>Operations received, in order (e.g. AdminInitiateAuth, AdminGetUser): the old pool's call count.</summary>
    public IReadOnlyList<string> Operations => [.. _operations];

    /// <summary>How many answers were corrected.</summary>
    public int Corrections => Volatile.Read(ref _corrections);

    /// <summary>Starts the proxy in front of the cognito-local at <paramref name="upstream"/>; with <paramref name="imports"/>, it also serves the user import.</summary>
    public static async Task<CognitoFidelityProxy> StartAsync(Uri upstream, CognitoLocalUserImport? imports = null)
    {
        var proxy = new CognitoFidelityProxy(upstream, imports);
        proxy._server = await LoopbackServer.StartAsync(proxy.HandleAsync).ConfigureAwait(false);
        return proxy;
    }

    public int CallCount(string operation) => _operations.Count(o => o == operation);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
    }

    private static string? Str(JsonNode? node, string name) =>
        (node as JsonObject)?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static Task WriteErrorAsync(HttpContext context, string type, string message) =>
        AwsJson.WriteAsync(context.Response, 400, AwsJson.Error(type, message), new Dictionary<string, string>
        {
            ["X-Amzn-ErrorType"] = type + ":http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/",
        });

    private static bool DropUsernameAttribute(JsonNode? attributes)
    {
        if (attributes is not JsonArray list)
        {
            return false;
        }

        var found = list.Where(a => Str(a, "Name") == UsernamePseudoAttribute).ToList();
        foreach (var a in found)
        {
            list.Remove(a);
        }

        return found.Count > 0;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var raw = buffer.ToArray();
        var operation = AwsJson.Operation(request, CognitoApiCall.TargetPrefix) ?? string.Empty;
        _operations.Enqueue(operation);
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(raw);
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        if (_imports is not null && CognitoLocalUserImport.Operations.Contains(operation))
        {
            var imported = await _imports.AnswerAsync(operation, raw, request.Headers.Authorization.ToString(), context.RequestAborted).ConfigureAwait(false);
            Interlocked.Increment(ref _corrections);
            await AwsJson.WriteAsync(context.Response, imported.Status, imported.Body?.ToJsonString() ?? string.Empty, imported.ErrorType is { } type
                ? new Dictionary<string, string> { ["X-Amzn-ErrorType"] = type + ":http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/" }
                : null).ConfigureAwait(false);
            return;
        }

        if (operation == "AdminInitiateAuth" && Str(body, "AuthFlow") == "ADMIN_USER_PASSWORD_AUTH"
            && Str(body, "UserPoolId") is { } poolId && Str(body?["AuthParameters"], "USERNAME") is { Length: > 0 } username)
        {
            // cognito-local does not look at Enabled, and calls an unknown user "not authorized".
            var user = await CognitoApiCall.SendAsync(_http, _upstream, "AdminGetUser",
                new JsonObject { ["UserPoolId"] = poolId, ["Username"] = username }, context.RequestAborted).ConfigureAwait(false);
            if (user.ErrorType == "UserNotFoundException")
            {
                Interlocked.Increment(ref _corrections);
                await WriteErrorAsync(context, "UserNotFoundException", "User does not exist.").ConfigureAwait(false);
                return;
            }

            if (user.IsSuccess && user.Body?["Enabled"] is JsonValue enabled && enabled.TryGetValue<bool>(out var isEnabled) && !isEnabled)
            {
                Interlocked.Increment(ref _corrections);
                await WriteErrorAsync(context, "NotAuthorizedException", "User is disabled.").ConfigureAwait(false);
                return;
            }
        }

        var signIn = operation is "InitiateAuth" or "AdminInitiateAuth" or "RespondToAuthChallenge";
        if (signIn)
        {
            Interlocked.Increment(ref _signInsInFlight);
        }

        HttpResponseMessage upstream;
        try
        {
            upstream = await ForwardAsync(raw, request, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            if (signIn)
            {
                Interlocked.Decrement(ref _signInsInFlight);
            }
        }

        using var answered = upstream;
        var text = await upstream.Content.ReadAsStringAsync(context.RequestAborted).ConfigureAwait(false);
        if (operation == "AdminDeleteUserAttributes" && upstream.IsSuccessStatusCode && Volatile.Read(ref _signInsInFlight) > 0)
        {
            _deletionsDuringSignIn.Enqueue(raw);
        }

        if (signIn && Volatile.Read(ref _signInsInFlight) == 0)
        {
            await ReapplyDeletionsAsync(request, context.RequestAborted).ConfigureAwait(false);
        }

        var answer = CognitoApiCall.Parse((int)upstream.StatusCode, text,
            upstream.Headers.TryGetValues("X-Amzn-ErrorType", out var types) ? types.FirstOrDefault() : null);

        if (answer.ErrorType == "InvalidPasswordException" && operation is "AdminInitiateAuth" or "InitiateAuth")
        {
            Interlocked.Increment(ref _corrections);
            await WriteErrorAsync(context, "NotAuthorizedException", "Incorrect username or password.").ConfigureAwait(false);
            return;
        }

        if (answer.IsSuccess && answer.Body is JsonObject signedIn && operation is "AdminInitiateAuth" or "InitiateAuth"
            && signedIn["AuthenticationResult"] is JsonObject tokens && Str(tokens, "IdToken") is { } idToken
            && await WithEveryReadableClaimAsync(idToken, Str(body, "UserPoolId"), context.RequestAborted).ConfigureAwait(false) is { } corrected)
        {
            Interlocked.Increment(ref _corrections);
            tokens["IdToken"] = corrected;
            text = signedIn.ToJsonString();
        }

        if (answer.IsSuccess && answer.Body is JsonObject result && operation is "AdminGetUser" or "GetUser" or "ListUsers")
        {
            var changed = operation == "ListUsers"
                ? (result["Users"] as JsonArray ?? []).Select(u => DropUsernameAttribute(u?["Attributes"])).ToList().Contains(true)
                : DropUsernameAttribute(result["UserAttributes"]);
            if (changed)
            {
                Interlocked.Increment(ref _corrections);
                text = result.ToJsonString();
            }
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? AwsJson.ContentType;
        if (answer.ErrorType is not null)
        {
            context.Response.Headers["X-Amzn-ErrorType"] = answer.ErrorType;
        }

        await context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> ForwardAsync(byte[] raw, HttpRequest request, CancellationToken ct, string? target = null)
    {
        using var forward = new HttpRequestMessage(HttpMethod.Post, _upstream) { Content = new ByteArrayContent(raw) };
        forward.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? AwsJson.ContentType);
        foreach (var name in new[] { "X-Amz-Target", "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-User-Agent" })
        {
            if (request.Headers.TryGetValue(name, out var value))
            {
                forward.Headers.TryAddWithoutValidation(name, value.ToString());
            }
        }

        if (target is not null)
        {
            forward.Headers.Remove("X-Amz-Target");
            forward.Headers.TryAddWithoutValidation("X-Amz-Target", target);
            forward.Headers.Remove("Authorization");
            forward.Headers.TryAddWithoutValidation("Authorization", CognitoApiCall.Authorization);
        }

        return await _http.SendAsync(forward, ct).ConfigureAwait(false);
    }

    /// <summary>Sends again the deletions made while the last sign-in ran, which its final save of the user undid.</summary>
    private async Task ReapplyDeletionsAsync(HttpRequest request, CancellationToken ct)
    {
        while (_deletionsDuringSignIn.TryDequeue(out var deletion))
        {
            using var again = await ForwardAsync(deletion, request, ct, CognitoApiCall.TargetPrefix + ".AdminDeleteUserAttributes").ConfigureAwait(false);
            Interlocked.Increment(ref _corrections);
        }
    }

    /// <summary>The ID token with the user's readable attributes as claims, or null when the user or token cannot be read.</summary>
    private async Task<string?> WithEveryReadableClaimAsync(string idToken, string? poolId, CancellationToken ct)
    {
        JsonObject claims;
        try
        {
            claims = IdTokenClaims.Payload(idToken);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }

        poolId ??= Str(claims, "iss")?.Split('/')[^1];
        if (poolId is null || Str(claims, "cognito:username") is not { } username)
        {
            return null;
        }

        var user = await CognitoApiCall.SendAsync(_http, _upstream, "AdminGetUser", new JsonObject { ["UserPoolId"] = poolId, ["Username"] = username }, ct).ConfigureAwait(false);
        if (!user.IsSuccess || user.Body?["UserAttributes"] is not JsonArray attributes)
        {
            return null;
        }

        HashSet<string>? readable = null;
        if (Str(claims, "aud") is { } clientId)
        {
            var client = await CognitoApiCall.SendAsync(_http, _upstream, "DescribeUserPoolClient", new JsonObject { ["UserPoolId"] = poolId, ["ClientId"] = clientId }, ct).ConfigureAwait(false);
            if (client.IsSuccess && client.Body?["UserPoolClient"]?["ReadAttributes"] is JsonArray { Count: > 0 } read)
            {
                readable = [.. read.Select(r => r is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty)];
            }
        }

        foreach (var attribute in attributes)
        {
            if (Str(attribute, "Name") is not { } name || name == UsernamePseudoAttribute)
            {
                continue;
            }

            if (name != "sub" && readable is not null && !readable.Contains(name))
            {
                claims.Remove(name);
                continue;
            }

            claims[name] = IdTokenClaims.Claim(name, Str(attribute, "Value") ?? string.Empty);
        }

        return IdTokenClaims.WithPayload(idToken, claims);
    }
}
