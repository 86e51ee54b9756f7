using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AttrMapper.LocalPeers.CognitoLocal;

/// <summary>
/// Sits between cognito-local's Lambda client and the function's Invoke API (the local Lambda host) and corrects the documented
/// places where cognito-local 5.3.0 handles the UserMigration trigger differently from Cognito (docs/demo.md, "Fidelity"):
/// <list type="bullet">
/// <item>The event: Cognito sends <c>version</c> "1", <c>request.userAttributes</c> and every <c>response</c> member as null;
/// cognito-local sends version "0", no request.userAttributes, and a response pre-filled with <c>{}</c> and <c>[]</c>. The function
/// gets the event in Cognito's shape.</item>
/// <item>An answer without <c>response.userAttributes</c> (the function's reject): Cognito refuses the sign-in and creates no user;
/// cognito-local creates a user with no attributes and the typed password. Here the answer is passed on as a function error,
/// which cognito-local turns into NotAuthorizedException without creating anyone, as Cognito does with PreventUserExistenceErrors.</item>
/// <item>A migrate answer: Cognito creates the user under the event's <c>userName</c> with a fresh <c>sub</c>; cognito-local names
/// it from <c>response.userAttributes.username</c> (else a random UUID) and gives it no sub. Here both are added to what
/// cognito-local reads (<see cref="CognitoFidelityProxy"/> hides the <c>username</c> attribute again).</item>
/// <item>Pre token generation (<c>TokenGeneration_*</c>): cognito-local sends <c>request.groupConfiguration</c> empty and ignores
/// <c>claimsOverrideDetails.groupOverrideDetails</c> in the answer. With <see cref="CognitoEndpoint"/> set, the function gets the
/// user's groups (and their roles) as Cognito sends them, and an answer's <c>groupsToOverride</c> is handed to cognito-local as
/// the <c>cognito:groups</c> claim it does apply, so the ID token carries the groups Cognito would put there. Every other trigger
/// than UserMigration is passed on unchanged.</item>
/// <item>cognito-local cannot store a user as RESET_REQUIRED except through this trigger: with <see cref="Landing"/> set, the
/// sign-in a <see cref="CognitoLocalUserImport"/> makes for a user it imported is answered from there (RESET_REQUIRED, the
/// imported attributes), without calling the function, which Cognito's import never calls either.</item>
/// </list>
/// It never logs or keeps an event: events carry the password.
/// </summary>
public sealed class UserMigrationTriggerProxy : IAsyncDisposable
{
    private const string InvokePrefix = "/2015-03-31/functions/";
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private LoopbackServer? _server;
    private int _invocations;
    private int _refusals;
    private int _faults;

    private UserMigrationTriggerProxy()
    {
    }

    /// <summary>Give this to cognito-local as its LambdaClient endpoint.</summary>
    public Uri Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("Not started.");

    /// <summary>The Invoke API base address of the function (the local Lambda host's BaseAddress); set before the first sign-in.</summary>
    public Uri? FunctionEndpoint { get; set; }

    /// <summary>cognito-local's own API, where the user's groups are read for a pre token generation event; null leaves it empty.</summary>
    public Uri? CognitoEndpoint { get; set; }

    /// <summary>The import emulation's hand-over of imported users (<see cref="CognitoLocalUserImport.Landing"/>); null when there is none.</summary>
    public ImportLanding? Landing { get; set; }

    /// <summary>Trigger invocations passed on to the function.</summary>
    public int Invocations => Volatile.Read(ref _invocations);

    /// <summary>Answers that were a reject (no user created).</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    /// <summary>Answers that were a function error (fault, timeout).</summary>
    public int Faults => Volatile.Read(ref _faults);

    public static async Task<UserMigrationTriggerProxy> StartAsync()
    {
        var proxy = new UserMigrationTriggerProxy();
        proxy._server = await LoopbackServer.StartAsync(proxy.HandleAsync).ConfigureAwait(false);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
    }

    /// <summary>The event as Cognito sends it: version "1", request.userAttributes null, every response member null.</summary>
    public static JsonObject AsCognitoSendsIt(JsonObject sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var copy = sent.DeepClone().AsObject();
        if (copy["triggerSource"] is JsonValue source && source.TryGetValue<string>(out var s) && s.StartsWith("UserMigration_", StringComparison.Ordinal))
        {
            copy["version"] = "1";
            if (copy["request"] is JsonObject request && !request.ContainsKey("userAttributes"))
            {
                request["userAttributes"] = null;
            }

            copy["response"] = new JsonObject
            {
                ["userAttributes"] = null,
                ["forceAliasCreation"] = null,
                ["enableSMSMFA"] = null,
                ["finalUserStatus"] = null,
                ["messageAction"] = null,
                ["desiredDeliveryMediums"] = null,
            };
        }

        return copy;
    }

    private static Task WriteJsonAsync(HttpContext context, int status, string body, string? functionError = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (functionError is not null)
        {
            context.Response.Headers["X-Amz-Function-Error"] = functionError;
        }

        return context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (context.Request.Method != "POST" || !path.StartsWith(InvokePrefix, StringComparison.Ordinal) || !path.EndsWith("/invocations", StringComparison.Ordinal))
        {
            await WriteJsonAsync(context, 404, AwsJson.Error("ResourceNotFoundException", "Function not found")).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        byte[] payload;
        string? userName = null;
        string? triggerSource = null;
        JsonObject? sent = null;
        try
        {
            sent = JsonNode.Parse(buffer.ToArray()) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        if (sent is not null && Landing is { } landing && ImportedUser(sent, landing) is { } imported)
        {
            await WriteJsonAsync(context, 200, imported.ToJsonString()).ConfigureAwait(false);
            return;
        }

        if (FunctionEndpoint is not { } function)
        {
            await WriteJsonAsync(context, 503, AwsJson.Error("ServiceException", "The function is not started yet.")).ConfigureAwait(false);
            return;
        }

        if (sent is not null)
        {
            userName = sent["userName"] is JsonValue u && u.TryGetValue<string>(out var name) ? name : null;
            triggerSource = sent["triggerSource"] is JsonValue t && t.TryGetValue<string>(out var source) ? source : null;
            var corrected = AsCognitoSendsIt(sent);
            if (triggerSource?.StartsWith("TokenGeneration_", StringComparison.Ordinal) == true && CognitoEndpoint is { } cognito)
            {
                await WithGroupConfigurationAsync(corrected, cognito, context.RequestAborted).ConfigureAwait(false);
            }

            payload = Encoding.UTF8.GetBytes(corrected.ToJsonString());
        }
        else
        {
            payload = buffer.ToArray();
        }

        Interlocked.Increment(ref _invocations);
        using var forward = new HttpRequestMessage(HttpMethod.Post, new Uri(function, path.TrimStart('/'))) { Content = new ByteArrayContent(payload) };
        forward.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var name in new[] { "X-Amz-Invocation-Type", "X-Amz-Log-Type", "X-Amz-Client-Context", "Authorization", "X-Amz-Date" })
        {
            if (context.Request.Headers.TryGetValue(name, out var value))
            {
                forward.Headers.TryAddWithoutValidation(name, value.ToString());
            }
        }

        using var answer = await _http.SendAsync(forward, context.RequestAborted).ConfigureAwait(false);
        var text = await answer.Content.ReadAsStringAsync(context.RequestAborted).ConfigureAwait(false);
        var functionError = answer.Headers.TryGetValues("X-Amz-Function-Error", out var errors) ? errors.FirstOrDefault() : null;
        if ((int)answer.StatusCode != 200 || functionError is not null)
        {
            Interlocked.Increment(ref _faults);
            await WriteJsonAsync(context, (int)answer.StatusCode, text, functionError).ConfigureAwait(false);
            return;
        }

        JsonObject? result;
        try
        {
            result = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            result = null;
        }

        if (triggerSource?.StartsWith("UserMigration_", StringComparison.Ordinal) != true)
        {
            if (result is not null && triggerSource?.StartsWith("TokenGeneration_", StringComparison.Ordinal) == true && AsCognitoLocalApplies(result))
            {
                text = result.ToJsonString();
            }

            await WriteJsonAsync(context, 200, text).ConfigureAwait(false);
            return;
        }

        if (result?["response"]?["userAttributes"] is not JsonObject attributes)
        {
            // The function refused. Cognito creates nobody; cognito-local would create a user with no attributes.
            Interlocked.Increment(ref _refusals);
            await WriteJsonAsync(context, 200,
                """{"errorType":"UserMigrationRefused","errorMessage":"The function did not migrate the user."}""", "Unhandled").ConfigureAwait(false);
            return;
        }

        if (userName is not null)
        {
            attributes[CognitoFidelityProxy.UsernamePseudoAttribute] = userName;
        }

        if (!attributes.ContainsKey("sub"))
        {
            attributes["sub"] = Guid.NewGuid().ToString();
        }

        await WriteJsonAsync(context, 200, result.ToJsonString()).ConfigureAwait(false);
    }

    /// <summary>The answer that stores an imported user as RESET_REQUIRED, when the event is the import's own sign-in for it; else null.</summary>
    private static JsonObject? ImportedUser(JsonObject sent, ImportLanding landing)
    {
        static string? Text(JsonNode? node, string name) => (node as JsonObject)?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (Text(sent, "triggerSource") != "UserMigration_Authentication" || Text(sent, "userName") is not { } userName
            || Text(sent, "userPoolId") is not { } poolId
            || !landing.TryTake(poolId, userName, Text(sent["request"], "password"), out var attributes))
        {
            return null;
        }

        var userAttributes = new JsonObject();
        foreach (var (name, value) in attributes)
        {
            userAttributes[name] = value;
        }

        userAttributes[CognitoFidelityProxy.UsernamePseudoAttribute] = userName;
        userAttributes["sub"] = Guid.NewGuid().ToString();
        var answer = sent.DeepClone().AsObject();
        answer["response"] = new JsonObject
        {
            ["userAttributes"] = userAttributes,
            ["finalUserStatus"] = "RESET_REQUIRED",
            ["messageAction"] = "SUPPRESS",
        };
        return answer;
    }

    /// <summary>
    /// Puts Cognito's answer to a group override where cognito-local reads it: it applies claimsToAddOrOverride and claimsToSuppress
    /// to the ID token, not groupOverrideDetails. False when the answer has no group override.
    /// </summary>
    public static bool AsCognitoLocalApplies(JsonObject answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer["response"]?["claimsOverrideDetails"] is not JsonObject details
            || details["groupOverrideDetails"]?["groupsToOverride"] is not JsonArray groups)
        {
            return false;
        }

        if (groups.Count == 0)
        {
            // Cognito leaves cognito:groups out of a token whose override lists no group.
            if (details["claimsToSuppress"] is not JsonArray suppress)
            {
                details["claimsToSuppress"] = suppress = new JsonArray();
            }

            suppress.Add("cognito:groups");
            return true;
        }

        if (details["claimsToAddOrOverride"] is not JsonObject add)
        {
            details["claimsToAddOrOverride"] = add = new JsonObject();
        }

        add["cognito:groups"] = groups.DeepClone();
        return true;
    }

    /// <summary>request.groupConfiguration as Cognito fills it: the user's groups, their roles, the preferred role.</summary>
    private async Task WithGroupConfigurationAsync(JsonObject sent, Uri cognito, CancellationToken ct)
    {
        if (sent["request"] is not JsonObject request
            || sent["userPoolId"] is not JsonValue p || !p.TryGetValue<string>(out var poolId)
            || sent["userName"] is not JsonValue u || !u.TryGetValue<string>(out var userName))
        {
            return;
        }

        var groups = new List<JsonObject>();
        string? token = null;
        do
        {
            var body = new JsonObject { ["UserPoolId"] = poolId, ["Username"] = userName, ["Limit"] = 60 };
            if (token is not null)
            {
                body["NextToken"] = token;
            }

            var page = await CognitoApiCall.SendAsync(_http, cognito, "AdminListGroupsForUser", body, ct).ConfigureAwait(false);
            if (!page.IsSuccess)
            {
                return;
            }

            groups.AddRange((page.Body?["Groups"] as JsonArray ?? []).OfType<JsonObject>());
            token = page.Body?["NextToken"] is JsonValue n && n.TryGetValue<string>(out var next) ? next : null;
        }
        while (token is not null);

        static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        static int Precedence(JsonObject o) => o["Precedence"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : int.MaxValue;
        var roles = groups.Select(g => Text(g, "RoleArn")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var preferred = groups.Where(g => Text(g, "RoleArn") is not null).OrderBy(Precedence).Select(g => Text(g, "RoleArn")).FirstOrDefault();
        request["groupConfiguration"] = new JsonObject
        {
            ["groupsToOverride"] = new JsonArray([.. groups.Select(g => (JsonNode?)Text(g, "GroupName"))]),
            ["iamRolesToOverride"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]),
            ["preferredRole"] = preferred,
        };
    }
}
