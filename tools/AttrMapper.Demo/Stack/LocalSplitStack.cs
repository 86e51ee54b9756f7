using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AttrMapper.LambdaHost;
using AttrMapper.LocalPeers;
using AttrMapper.LocalPeers.CognitoLocal;

namespace AttrMapper.Demo.Stack;

/// <summary>
/// One pool split per tenant (issue 12), on 127.0.0.1 only: one cognito-local as the shared old pool, and per tenant its
/// own cognito-local new pool with its own UserMigration trigger proxy, its own local Lambda host running the real
/// published bootstrap, and its own map parameter whose <c>select</c> names the tenant. Disposing it stops every process.
/// </summary>
/// <remarks>
/// One cognito-local per new pool, not one for both: cognito-local sends every pool's UserMigration to its one configured
/// function, so two pools in one process could not have two functions. The old pool has its own process for the reason
/// <see cref="LocalMigrationStack"/> gives (no trigger on the old pool).
/// </remarks>
public sealed class LocalSplitStack : IAsyncDisposable
{
    public const string OldUserPoolId = "eu-west-1_SplitOld01";

    private readonly List<IAsyncDisposable> _started = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<string, TenantPool> _tenants = new(StringComparer.Ordinal);
    private int _disposed;

    private LocalSplitStack(SplitStackOptions options) => Options = options;

    public SplitStackOptions Options { get; }

    public LocalParameterStore Parameters { get; private set; } = null!;

    public CognitoLocalProcess OldPool { get; private set; } = null!;

    public string OldClientId { get; private set; } = null!;

    /// <summary>The tenants, in the order given.</summary>
    public IReadOnlyList<string> Tenants => Options.Tenants;

    public TenantPool Tenant(string tenant) => _tenants[tenant];

    public static async Task<LocalSplitStack> StartAsync(SplitStackOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.BootstrapPath))
        {
            throw new InvalidOperationException($"no published bootstrap at {options.BootstrapPath}: run `make package`");
        }

        var stack = new LocalSplitStack(options);
        try
        {
            await stack.StartAllAsync(ct).ConfigureAwait(false);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The map of one tenant's pool: the demo's rules plus a <c>select</c> on <c>custom:tenant</c>.</summary>
    public static string MapFor(string tenant) => $$"""
        {
          "version": 1,
          "rules": [
            { "op": "copy", "from": "email" },
            { "op": "copy", "from": "email_verified" },
            { "op": "rename", "from": "custom:tenant", "to": "custom:tenant_id" },
            { "op": "rename", "from": "sub", "to": "custom:legacy_sub" }
          ],
          "select": { "attribute": "custom:tenant", "in": ["{{tenant}}"] }
        }
        """;

    /// <summary>Creates a CONFIRMED user in the shared old pool.</summary>
    public Task AddOldUserAsync(string username, string password, IEnumerable<KeyValuePair<string, string>> attributes, CancellationToken ct = default) =>
        OldPool.CreateUserAsync(OldUserPoolId, username, password, attributes, ct);

    /// <summary>Signs in to <paramref name="tenant"/>'s pool the way an app does: InitiateAuth, USER_PASSWORD_AUTH.</summary>
    public async Task<SignInResult> SignInAsync(string tenant, string username, string password, CancellationToken ct = default)
    {
        var pool = _tenants[tenant];
        var answer = await CognitoApiCall.SendAsync(_http, pool.Api.Endpoint, "InitiateAuth", new JsonObject
        {
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["ClientId"] = pool.ClientId,
            ["AuthParameters"] = new JsonObject { ["USERNAME"] = username, ["PASSWORD"] = password },
        }, ct).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            return new SignInResult(false, null, answer.ErrorType);
        }

        var tokens = answer.Body?["AuthenticationResult"]?["AccessToken"] is JsonValue;
        var challenge = answer.Body?["ChallengeName"] is JsonValue c && c.TryGetValue<string>(out var name) ? name : null;
        return new SignInResult(tokens, challenge, null);
    }

    /// <summary>AdminGetUser on <paramref name="tenant"/>'s pool; null when it has no such user.</summary>
    public async Task<NewPoolUser?> GetUserAsync(string tenant, string username, CancellationToken ct = default)
    {
        var pool = _tenants[tenant];
        var answer = await CognitoApiCall.SendAsync(_http, pool.Api.Endpoint, "AdminGetUser",
            new JsonObject { ["UserPoolId"] = pool.UserPoolId, ["Username"] = username }, ct).ConfigureAwait(false);
        if (answer.ErrorType == "UserNotFoundException")
        {
            return null;
        }

        var body = answer.Ok("AdminGetUser");
        return new NewPoolUser(
            body["Username"]!.GetValue<string>(),
            body["UserStatus"]?.GetValue<string>() ?? "UNKNOWN",
            body["Enabled"]?.GetValue<bool>() ?? false,
            Attributes(body["UserAttributes"]));
    }

    /// <summary>ListUsers on <paramref name="tenant"/>'s pool (every page): who the pool holds.</summary>
    public async Task<IReadOnlyList<NewPoolUser>> ListUsersAsync(string tenant, CancellationToken ct = default)
    {
        var pool = _tenants[tenant];
        var users = new List<NewPoolUser>();
        string? token = null;
        for (var page = 0; page < 1000; page++)
        {
            var request = new JsonObject { ["UserPoolId"] = pool.UserPoolId, ["Limit"] = 60 };
            if (token is not null)
            {
                request["PaginationToken"] = token;
            }

            var body = (await CognitoApiCall.SendAsync(_http, pool.Api.Endpoint, "ListUsers", request, ct).ConfigureAwait(false)).Ok("ListUsers");
            foreach (var user in body["Users"] as JsonArray ?? [])
            {
                users.Add(new NewPoolUser(
                    user!["Username"]!.GetValue<string>(),
                    user["UserStatus"]?.GetValue<string>() ?? "UNKNOWN",
                    user["Enabled"]?.GetValue<bool>() ?? false,
                    Attributes(user["Attributes"])));
            }

            token = body["PaginationToken"] is JsonValue next && next.TryGetValue<string>(out var t) && t.Length > 0 ? t : null;
            if (token is null)
            {
                return users;
            }
        }

        throw new InvalidOperationException("ListUsers did not end");
    }

    /// <summary>Stops every function, every cognito-local, the proxies and the Parameter Store, newest first.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        List<Exception> errors = [];
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            try
            {
                await _started[i].DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                errors.Add(e); // keep stopping the rest
            }
        }

        _http.Dispose();
        if (errors.Count > 0)
        {
            throw new AggregateException("Stopping the split stack failed", errors);
        }
    }

    private static Dictionary<string, string> Attributes(JsonNode? list) =>
        (list as JsonArray ?? [])
            .Where(a => a?["Name"] is not null)
            .ToDictionary(a => a!["Name"]!.GetValue<string>(), a => a!["Value"]?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal);

    private T Keep<T>(T started)
        where T : IAsyncDisposable
    {
        _started.Add(started);
        return started;
    }

    private async Task StartAllAsync(CancellationToken ct)
    {
        var package = Path.Combine(Options.RepositoryRoot, "tools", "cognito-local");
        Parameters = Keep(await LocalParameterStore.StartAsync().ConfigureAwait(false));
        Parameters.Put(Options.KeyParameterName, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), "SecureString");

        // Started one after another: on a loaded 2-core machine, node processes starting together only slow each other down.
        OldPool = Keep(await CognitoLocalProcess.StartAsync(new CognitoLocalOptions
        {
            PackageDirectory = package,
            UserPoolIds = [OldUserPoolId],
            OwnProcessGroup = Options.OwnProcessGroups,
        }, ct).ConfigureAwait(false));
        var oldApi = Keep(await CognitoFidelityProxy.StartAsync(OldPool.Endpoint).ConfigureAwait(false));
        OldClientId = await OldPool.CreateClientAsync(OldUserPoolId, "attrmapper-migration", ct).ConfigureAwait(false);

        for (var i = 0; i < Options.Tenants.Count; i++)
        {
            var tenant = Options.Tenants[i];
            var poolId = string.Create(CultureInfo.InvariantCulture, $"eu-west-1_Split{i + 1:D2}{Capitalized(tenant)}");
            var mapParameter = $"/attrmapper/split/{tenant}/attribute-map";
            Parameters.Put(mapParameter, MapFor(tenant));
            var trigger = Keep(await UserMigrationTriggerProxy.StartAsync().ConfigureAwait(false));
            var pool = Keep(await CognitoLocalProcess.StartAsync(new CognitoLocalOptions
            {
                PackageDirectory = package,
                UserPoolIds = [poolId],
                LambdaEndpoint = trigger.Endpoint,
                UserMigrationFunction = "attrmapper-" + tenant,
                OwnProcessGroup = Options.OwnProcessGroups,
            }, ct).ConfigureAwait(false));
            var api = Keep(await CognitoFidelityProxy.StartAsync(pool.Endpoint).ConfigureAwait(false));
            var clientId = await pool.CreateClientAsync(poolId, "web-app-" + tenant, ct).ConfigureAwait(false);
            var environment = new Dictionary<string, string>
            {
                ["OLD_USER_POOL_ID"] = OldUserPoolId,
                ["OLD_CLIENT_ID"] = OldClientId,
                ["MAP_PARAMETER_NAME"] = mapParameter,
                ["KEY_PARAMETER"] = Options.KeyParameterName,
                ["MAP_CACHE_TTL_SECONDS"] = "60",
                ["NEW_USER_POOL_ID"] = poolId,
                ["ALIAS_LOOKUP"] = "email",
                ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = oldApi.Endpoint.ToString(),
                ["AWS_ENDPOINT_URL_SSM"] = Parameters.Endpoint.ToString(),
                // Dummy credentials: the local peers want a signed request, not a valid one. Nothing reaches AWS.
                ["AWS_ACCESS_KEY_ID"] = "AKIALOCALDEMO0000000",
                ["AWS_SECRET_ACCESS_KEY"] = "local-demo-secret-not-a-real-key",
                ["AWS_SESSION_TOKEN"] = "local-demo-session",
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            };
            var function = Keep(await LocalLambdaHost.StartAsync(new LambdaHostOptions
            {
                BootstrapPath = Options.BootstrapPath,
                FunctionName = "attrmapper-" + tenant,
                Environment = environment,
                OutputSink = Options.FunctionOutput,
            }, ct).ConfigureAwait(false));
            trigger.FunctionEndpoint = function.BaseAddress;

            using var ready = CancellationTokenSource.CreateLinkedTokenSource(ct);
            ready.CancelAfter(TimeSpan.FromSeconds(60));
            if (!await function.WaitUntilReadyAsync(ready.Token).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"{tenant}'s bootstrap did not reach its first /next (see its output above)");
            }

            _tenants[tenant] = new TenantPool(tenant, poolId, clientId, mapParameter, pool, api, trigger, function);
        }
    }

    private static string Capitalized(string tenant) =>
        new([.. tenant.Where(char.IsAsciiLetterOrDigit).Take(8).Select((c, i) => i == 0 ? char.ToUpperInvariant(c) : c)]);
}
