using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AttrMapper.LocalPeers;

/// <summary>A user of the fake old pool.</summary>
public sealed class FakeUser
{
    public required string Username { get; init; }

    public required string Password { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>CONFIRMED, UNCONFIRMED, RESET_REQUIRED, FORCE_CHANGE_PASSWORD, ...</summary>
    public string Status { get; init; } = "CONFIRMED";

    /// <summary>A challenge the pool answers with after a correct password (e.g. SMS_MFA), instead of tokens.</summary>
    public string? ChallengeAfterPassword { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; init; } = [];

    internal FakeUser WithAttributes(IReadOnlyList<KeyValuePair<string, string>> attributes) => new()
    {
        Username = Username,
        Password = Password,
        Enabled = Enabled,
        Status = Status,
        ChallengeAfterPassword = ChallengeAfterPassword,
        Attributes = attributes,
    };
}

/// <summary>
/// A fake of the old pool's Cognito JSON 1.1 API answering as real Cognito does (status, __type, message, X-Amzn-ErrorType,
/// challenges), from its users or from per-operation, per-user scripts (throttling, 500s, delays, hangs, garbage).
/// Records every call so tests can count upstream calls.
/// </summary>
public sealed partial class ScriptedOldPool : IAsyncDisposable
{
    /// <summary>The operation name calls to the import's pre-signed upload URL are recorded and scripted under.</summary>
    public const string UploadOperation = "PutObject";

    private const string TargetPrefix = "AWSCognitoIdentityProviderService";
    private readonly PoolState _main;
    private readonly ConcurrentDictionary<string, PoolState> _pools = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Operation, string? Username), Queue<ScriptedAnswer>> _scripts = new();
    private readonly ConcurrentQueue<ReceivedCall> _calls = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _received = new(0);
    private LoopbackServer? _server;

    private ScriptedOldPool(string userPoolId, string clientId, string? clientSecret, TimeProvider time)
    {
        UserPoolId = userPoolId;
        ClientId = clientId;
        ClientSecret = clientSecret;
        _time = time;
        _main = new PoolState(userPoolId);
        OldClient = new FakeAppClient { ClientId = clientId, ClientName = "old-app" };
        _main.Clients.Add(OldClient);
        _pools[userPoolId] = _main;
    }

    public Uri Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("Not started.");

    public string UserPoolId { get; }

    public string ClientId { get; }

    /// <summary>The app client <see cref="ClientId"/> names; set its ReadAttributes to narrow what the ID token carries.</summary>
    public FakeAppClient OldClient { get; }

    /// <summary>The clock of token times, group dates, import jobs and the upload URL's expiry.</summary>
    public TimeProvider Time => _time;

    /// <summary>When set, AdminInitiateAuth requires a correct SECRET_HASH, as for an app client with a secret.</summary>
    public string? ClientSecret { get; }

    /// <summary>Real Cognito answers NotAuthorizedException instead of UserNotFoundException when this is on.</summary>
    public bool PreventUserExistenceErrors { get; set; }

    /// <summary>Schema attributes DescribeUserPool reports (Name, DataType, Mutable, MaxLength).</summary>
    public List<(string Name, string DataType, bool Mutable, int? MaxLength)> Schema { get; } =
    [
        ("sub", "String", false, 2048),
        ("email", "String", true, 2048),
        ("email_verified", "Boolean", true, null),
        ("phone_number", "String", true, 2048),
    ];

    /// <summary>What DescribeUserPool reports as UsernameAttributes (e.g. "email" for a pool that signs in by e-mail).</summary>
    public List<string> UsernameAttributes { get; } = [];

    public IReadOnlyList<ReceivedCall> Calls => [.. _calls];

    public static async Task<ScriptedOldPool> StartAsync(
        string userPoolId = "eu-west-1_OldPool1",
        string clientId = "oldclient123",
        string? clientSecret = null,
        TimeProvider? time = null)
    {
        var pool = new ScriptedOldPool(userPoolId, clientId, clientSecret, time ?? TimeProvider.System);
        pool._server = await LoopbackServer.StartAsync(pool.HandleAsync).ConfigureAwait(false);
        return pool;
    }

    public void AddUser(FakeUser user) => _main.Users[user.Username] = user;

    /// <summary>
    /// Makes this endpoint also serve pool <paramref name="userPoolId"/> with its own users (for tools that read two pools
    /// through one Cognito endpoint, as real Cognito serves every pool of a region). Every operation serves every pool;
    /// AdminInitiateAuth needs an app client of that pool (<see cref="AddAppClient"/>).
    /// </summary>
    public void AddPoolUser(string userPoolId, FakeUser user) => PoolOrAdd(userPoolId).Users[user.Username] = user;

    /// <summary>Serves pool <paramref name="userPoolId"/> with no users yet.</summary>
    public void AddPool(string userPoolId) => PoolOrAdd(userPoolId);

    /// <summary>The user as the pool now holds it (after attribute updates, deletions, imports), or null.</summary>
    public FakeUser? FindUser(string username, string? userPoolId = null) =>
        _pools.TryGetValue(userPoolId ?? UserPoolId, out var pool) && pool.Users.TryGetValue(username, out var user) ? user : null;

    /// <summary>The usernames the pool holds, in order.</summary>
    public IReadOnlyList<string> Usernames(string? userPoolId = null) =>
        _pools.TryGetValue(userPoolId ?? UserPoolId, out var pool) ? [.. pool.Users.Keys.Order(StringComparer.Ordinal)] : [];

    /// <summary>Gives pool <paramref name="userPoolId"/> an app client (DescribeUserPoolClient, ListUserPoolClients, sign-in).</summary>
    public void AddAppClient(FakeAppClient client, string? userPoolId = null)
    {
        var pool = PoolOrAdd(userPoolId ?? UserPoolId);
        lock (pool.Gate)
        {
            pool.Clients.RemoveAll(c => c.ClientId == client.ClientId);
            pool.Clients.Add(client);
        }
    }

    /// <summary>The schema DescribeUserPool and GetCSVHeader report for one pool, instead of the shared <see cref="Schema"/>.</summary>
    public void SetSchema(string userPoolId, IEnumerable<(string Name, string DataType, bool Mutable, int? MaxLength)> schema) =>
        PoolOrAdd(userPoolId).Schema = [.. schema];

    /// <summary>The UsernameAttributes DescribeUserPool reports for one pool, instead of the shared <see cref="UsernameAttributes"/>.</summary>
    public void SetUsernameAttributes(string userPoolId, params string[] attributes) => PoolOrAdd(userPoolId).UsernameAttributes = [.. attributes];

    /// <summary>Attaches (or with null detaches) a pre token generation trigger, reported by DescribeUserPool's LambdaConfig.</summary>
    public void SetPreTokenGeneration(string? lambdaArn, string? userPoolId = null) => PoolOrAdd(userPoolId ?? UserPoolId).PreTokenGenerationLambdaArn = lambdaArn;

    private PoolState PoolOrAdd(string userPoolId) => _pools.GetOrAdd(userPoolId, id => new PoolState(id));

    private List<(string Name, string DataType, bool Mutable, int? MaxLength)> SchemaOf(PoolState pool) => pool.Schema ?? Schema;

    /// <summary>
    /// Answers for <paramref name="operation"/> (for <paramref name="username"/>, or any user when null), used in order; the last
    /// one repeats. A per-user script wins over an any-user one.
    /// </summary>
    public void Script(string operation, string? username, params ScriptedAnswer[] answers)
    {
        ArgumentOutOfRangeException.ThrowIfZero(answers.Length);
        _scripts[(operation, username)] = new Queue<ScriptedAnswer>(answers);
    }

    public int CallCount(string? operation = null) => _calls.Count(c => operation is null || c.Operation == operation);

    public void ClearCalls() => _calls.Clear();

    /// <summary>Completes when the next not-yet-awaited call has arrived (so a test knows a hanging request is in flight).</summary>
    public Task WaitForCallAsync(CancellationToken ct = default) => _received.WaitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
        _received.Dispose();
    }

    private static JsonArray AttributesJson(FakeUser user) =>
        new([.. user.Attributes.Select(a => (JsonNode)new JsonObject { ["Name"] = a.Key, ["Value"] = a.Value })]);

    private static JsonObject UserJson(FakeUser user, string attributesName) => new()
    {
        [attributesName] = AttributesJson(user),
        ["Enabled"] = user.Enabled,
        ["UserCreateDate"] = 1.7e9,
        ["UserLastModifiedDate"] = 1.7000001e9,
        ["UserStatus"] = user.Status,
        ["Username"] = user.Username,
    };

    private static string? Str(JsonObject? body, string name) =>
        body?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex("""^\s*([A-Za-z0-9_:-]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$""")]
    private static partial Regex FilterPattern();

    private ScriptedAnswer Next(string operation, string? username)
    {
        foreach (var key in new[] { (operation, username), (operation, (string?)null) })
        {
            if (_scripts.TryGetValue(key, out var queue))
            {
                lock (queue)
                {
                    return queue.Count > 1 ? queue.Dequeue() : queue.Peek();
                }
            }
        }

        return ScriptedAnswer.FromUsers;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var upload = HttpMethods.IsPut(request.Method) && request.Path.StartsWithSegments("/upload", out var rest) ? rest.Value!.TrimStart('/') : null;
        var operation = upload is not null ? UploadOperation : AwsJson.Operation(request, TargetPrefix);
        var body = upload is null ? await AwsJson.ReadBodyAsync(request).ConfigureAwait(false) : null;
        var parameters = body?["AuthParameters"] as JsonObject;
        var username = Str(body, "Username") ?? Str(parameters, "USERNAME");
        var authorization = request.Headers.Authorization.ToString();
        _calls.Enqueue(new ReceivedCall(
            operation ?? request.Headers["X-Amz-Target"].ToString(),
            username,
            HadSecretHash: parameters?["SECRET_HASH"] is not null,
            HadAuthorization: authorization.Length > 0,
            Filter: Str(body, "Filter"),
            Authorization: authorization.Length > 0 ? authorization : null,
            HadSecurityToken: request.Headers.ContainsKey("X-Amz-Security-Token")));
        _received.Release();

        var answer = operation is null ? ScriptedAnswer.FromUsers : Next(operation, username);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay, abort.Token).ConfigureAwait(false);
            }

            if (answer.IsHang)
            {
                await Task.Delay(Timeout.Infinite, abort.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return;
        }

        if (answer.IsDrop)
        {
            context.Abort();
            return;
        }

        if (!answer.FromState)
        {
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            if (answer.ErrorType is not null)
            {
                context.Response.Headers["X-Amzn-ErrorType"] = answer.ErrorType + ":http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/";
            }

            await context.Response.WriteAsync(answer.Body ?? string.Empty).ConfigureAwait(false);
            return;
        }

        if (upload is not null)
        {
            await UploadAsync(context, upload).ConfigureAwait(false);
            return;
        }

        var (status, json) = FromUsers(operation, body, authorization);
        var type = status == 200 ? null : JsonNode.Parse(json)?["__type"]?.GetValue<string>();
        await AwsJson.WriteAsync(context.Response, status, json, type is null ? null : new Dictionary<string, string>
        {
            ["X-Amzn-ErrorType"] = type + ":http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/",
        }).ConfigureAwait(false);
    }

    private (int Status, string Body) FromUsers(string? operation, JsonObject? body, string authorization)
    {
        if (operation == "UpdateUserAttributes" && body is not null)
        {
            // A user's own call: authorized by the access token, not SigV4.
            return UpdateUserAttributes(body);
        }

        if (authorization.Length == 0)
        {
            return (400, AwsJson.Error("MissingAuthenticationTokenException", "Missing Authentication Token"));
        }

        if (operation is null)
        {
            return (400, AwsJson.Error("UnknownOperationException", string.Empty));
        }

        if (body is null)
        {
            return (400, AwsJson.Error("SerializationException", "Start of structure or map found where not expected."));
        }

        var poolId = Str(body, "UserPoolId");
        if (poolId is null || !_pools.TryGetValue(poolId, out var pool))
        {
            return (400, AwsJson.Error("ResourceNotFoundException", $"User pool {poolId} does not exist."));
        }

        var users = pool.Users;
        return operation switch
        {
            "AdminInitiateAuth" => AdminInitiateAuth(body, pool),
            "AdminGetUser" => AdminGetUser(body, users),
            "ListUsers" => ListUsers(body, users),
            "DescribeUserPool" => DescribeUserPool(pool),
            "DescribeUserPoolClient" => DescribeUserPoolClient(body, pool),
            "ListUserPoolClients" => ListUserPoolClients(body, pool),
            "AdminListGroupsForUser" => AdminListGroupsForUser(body, pool),
            "ListGroups" => ListGroups(body, pool),
            "AdminAddUserToGroup" => AdminAddUserToGroup(body, pool),
            "AdminDeleteUserAttributes" => AdminDeleteUserAttributes(body, pool),
            "AdminUpdateUserAttributes" => AdminUpdateUserAttributes(body, pool),
            _ => ImportOperation(operation, body, pool),
        };
    }

    private (int, string) AdminInitiateAuth(JsonObject body, PoolState pool)
    {
        var clientId = Str(body, "ClientId");
        FakeAppClient? client;
        lock (pool.Gate)
        {
            client = pool.Clients.FirstOrDefault(c => c.ClientId == clientId);
        }

        if (client is null)
        {
            return (400, AwsJson.Error("ResourceNotFoundException", $"User pool client {clientId} does not exist."));
        }

        if (Str(body, "AuthFlow") != "ADMIN_USER_PASSWORD_AUTH")
        {
            return (400, AwsJson.Error("InvalidParameterException", "Initiate Auth method not supported."));
        }

        var parameters = body["AuthParameters"] as JsonObject;
        var username = Str(parameters, "USERNAME");
        var password = Str(parameters, "PASSWORD");
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return (400, AwsJson.Error("InvalidParameterException", "Missing required parameter USERNAME"));
        }

        if (ClientSecret is not null && client == OldClient)
        {
            var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ClientSecret), Encoding.UTF8.GetBytes(username + ClientId)));
            if (Str(parameters, "SECRET_HASH") != expected)
            {
                return (400, AwsJson.Error("NotAuthorizedException", $"Unable to verify secret hash for client {ClientId}"));
            }
        }

        if (!pool.Users.TryGetValue(username, out var user))
        {
            return PreventUserExistenceErrors
                ? (400, AwsJson.Error("NotAuthorizedException", "Incorrect username or password."))
                : (400, AwsJson.Error("UserNotFoundException", "User does not exist."));
        }

        if (!user.Enabled)
        {
            return (400, AwsJson.Error("NotAuthorizedException", "User is disabled."));
        }

        if (user.Password != password)
        {
            return (400, AwsJson.Error("NotAuthorizedException", "Incorrect username or password."));
        }

        return user.Status switch
        {
            "UNCONFIRMED" => (400, AwsJson.Error("UserNotConfirmedException", "User is not confirmed.")),
            "RESET_REQUIRED" => (400, AwsJson.Error("PasswordResetRequiredException", "Password reset required for the user")),
            "FORCE_CHANGE_PASSWORD" => (200, ScriptedAnswer.Challenge("NEW_PASSWORD_REQUIRED", username).Body!),
            _ when user.ChallengeAfterPassword is { } challenge => (200, ScriptedAnswer.Challenge(challenge, username).Body!),
            _ => (200, Tokens(pool, client, user)),
        };
    }

    private static (int, string) AdminGetUser(JsonObject body, ConcurrentDictionary<string, FakeUser> users)
    {
        var username = Str(body, "Username");
        if (string.IsNullOrEmpty(username))
        {
            return (400, AwsJson.Error("InvalidParameterException", "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must not be null"));
        }

        return users.TryGetValue(username, out var user)
            ? (200, UserJson(user, "UserAttributes").ToJsonString())
            : (400, AwsJson.Error("UserNotFoundException", "User does not exist."));
    }

    private static (int, string) ListUsers(JsonObject body, ConcurrentDictionary<string, FakeUser> all)
    {
        var limit = body["Limit"] is JsonValue l && l.TryGetValue<int>(out var n) ? n : 60;
        if (limit is < 1 or > 60)
        {
            return (400, AwsJson.Error("InvalidParameterException", "1 validation error detected: Value at 'limit' failed to satisfy constraint"));
        }

        // Like Cognito's, the token is opaque to the caller; here it encodes the offset of the next page.
        var offset = 0;
        if (Str(body, "PaginationToken") is { } token)
        {
            var decoded = TryDecodeToken(token);
            if (decoded is null)
            {
                return (400, AwsJson.Error("InvalidParameterException", "Invalid pagination token."));
            }

            offset = decoded.Value;
        }

        var filter = Str(body, "Filter");
        if (string.IsNullOrEmpty(filter))
        {
            return ListAllUsers(all, offset, limit);
        }

        var match = FilterPattern().Match(filter);
        if (!match.Success)
        {
            return (400, AwsJson.Error("InvalidParameterException", "Error while parsing filter."));
        }

        var name = match.Groups[1].Value;
        var prefix = match.Groups[2].Value == "^=";
        var value = Regex.Replace(match.Groups[3].Value, @"\\(.)", "$1");

        IEnumerable<FakeUser> users = all.Values.OrderBy(u => u.Username, StringComparer.Ordinal);
        users = users.Where(u =>
        {
            var actual = name switch
            {
                "username" => u.Username,
                "status" => u.Enabled ? "Enabled" : "Disabled",
                "cognito:user_status" => u.Status,
                _ => u.Attributes.FirstOrDefault(a => a.Key == name).Value,
            };
            return actual is not null && (prefix ? actual.StartsWith(value, StringComparison.Ordinal) : actual == value);
        });

        var matching = users.ToList();
        var list = new JsonArray([.. matching.Skip(offset).Take(limit).Select(u => (JsonNode)UserJson(u, "Attributes"))]);
        var answer = new JsonObject { ["Users"] = list };
        if (offset + limit < matching.Count)
        {
            answer["PaginationToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("page:" + (offset + limit).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return (200, answer.ToJsonString());
    }

    /// <summary>
    /// ListUsers without a filter, a page at a time over the usernames sorted once (not once a page: a 100,000-user sweep
    /// benchmark asks for 1,667 pages). The sorted names are taken again when the count changed or a name on the page has
    /// gone; the users themselves are read live, so attribute updates show at once.
    /// </summary>
    private static (int, string) ListAllUsers(ConcurrentDictionary<string, FakeUser> all, int offset, int limit)
    {
        var keys = SortedNames.GetValue(all, _ => new SortedKeys());
        List<FakeUser> page;
        int total;
        lock (keys)
        {
            page = Page(keys.Names, offset, limit, all);
            if (keys.Names.Length != all.Count || page.Count < Math.Min(limit, Math.Max(0, keys.Names.Length - offset)))
            {
                keys.Names = [.. all.Keys.Order(StringComparer.Ordinal)];
                page = Page(keys.Names, offset, limit, all);
            }

            total = keys.Names.Length;
        }

        var answer = new JsonObject { ["Users"] = new JsonArray([.. page.Select(u => (JsonNode)UserJson(u, "Attributes"))]) };
        if (offset + limit < total)
        {
            answer["PaginationToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("page:" + (offset + limit).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return (200, answer.ToJsonString());

        static List<FakeUser> Page(string[] names, int offset, int limit, ConcurrentDictionary<string, FakeUser> all) =>
            [.. names.Skip(offset).Take(limit).Select(n => all.TryGetValue(n, out var u) ? u : null).OfType<FakeUser>()];
    }

    private static readonly ConditionalWeakTable<ConcurrentDictionary<string, FakeUser>, SortedKeys> SortedNames = new();

    private sealed class SortedKeys
    {
        public string[] Names { get; set; } = [];
    }

    private static int? TryDecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("page:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private (int, string) DescribeUserPool(PoolState pool)
    {
        var poolId = pool.Id;
        var schema = new JsonArray([.. SchemaOf(pool).Select(a =>
        {
            var o = new JsonObject
            {
                ["AttributeDataType"] = a.DataType,
                ["DeveloperOnlyAttribute"] = false,
                ["Mutable"] = a.Mutable,
                ["Name"] = a.Name,
                ["Required"] = false,
            };
            if (a.MaxLength is { } max)
            {
                o["StringAttributeConstraints"] = new JsonObject { ["MaxLength"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture), ["MinLength"] = "0" };
            }

            return (JsonNode)o;
        })]);
        return (200, new JsonObject
        {
            ["UserPool"] = new JsonObject
            {
                ["Id"] = poolId,
                ["Name"] = poolId == UserPoolId ? "old-pool" : "other-pool",
                ["SchemaAttributes"] = schema,
                ["UsernameAttributes"] = new JsonArray([.. (pool.UsernameAttributes ?? UsernameAttributes).Select(a => (JsonNode)a)]),
                ["LambdaConfig"] = pool.PreTokenGenerationLambdaArn is { } arn
                    ? new JsonObject
                    {
                        ["PreTokenGeneration"] = arn,
                        ["PreTokenGenerationConfig"] = new JsonObject { ["LambdaArn"] = arn, ["LambdaVersion"] = "V1_0" },
                    }
                    : new JsonObject(),
            },
        }.ToJsonString());
    }
}
