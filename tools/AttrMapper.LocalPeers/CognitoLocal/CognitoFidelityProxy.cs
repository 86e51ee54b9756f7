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
/// </list>
/// Everything else passes through untouched, quirks included.
/// </summary>
public sealed class CognitoFidelityProxy : IAsyncDisposable
{
    /// <summary>The attribute <see cref="UserMigrationTriggerProxy"/> adds so cognito-local keeps the typed username.</summary>
    public const string UsernamePseudoAttribute = "username";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentQueue<string> _operations = new();
    private readonly Uri _upstream;
    private LoopbackServer? _server;
    private int _corrections;

    private CognitoFidelityProxy(Uri upstream) => _upstream = upstream;

    public Uri Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("Not started.");

    /// <summary>Operations received, in order (e.g. AdminInitiateAuth, AdminGetUser): the old pool's call count.</summary>
    public IReadOnlyList<string> Operations => [.. _operations];

    /// <summary>How many answers were corrected.</summary>
    public int Corrections => Volatile.Read(ref _corrections);

    public static async Task<CognitoFidelityProxy> StartAsync(Uri upstream)
    {
        var proxy = new CognitoFidelityProxy(upstream);
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

        using var forward = new HttpRequestMessage(HttpMethod.Post, _upstream) { Content = new ByteArrayContent(raw) };
        forward.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? AwsJson.ContentType);
        foreach (var name in new[] { "X-Amz-Target", "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-User-Agent" })
        {
            if (request.Headers.TryGetValue(name, out var value))
            {
                forward.Headers.TryAddWithoutValidation(name, value.ToString());
            }
        }

        using var upstream = await _http.SendAsync(forward, context.RequestAborted).ConfigureAwait(false);
        var text = await upstream.Content.ReadAsStringAsync(context.RequestAborted).ConfigureAwait(false);
        var answer = CognitoApiCall.Parse((int)upstream.StatusCode, text,
            upstream.Headers.TryGetValues("X-Amzn-ErrorType", out var types) ? types.FirstOrDefault() : null);

        if (answer.ErrorType == "InvalidPasswordException" && operation is "AdminInitiateAuth" or "InitiateAuth")
        {
            Interlocked.Increment(ref _corrections);
            await WriteErrorAsync(context, "NotAuthorizedException", "Incorrect username or password.").ConfigureAwait(false);
            return;
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
}
