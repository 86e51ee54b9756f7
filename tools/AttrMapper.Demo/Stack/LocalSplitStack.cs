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

    private readonly StartedProcesses _started = new("split stack");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<string, TenantPool> _tenants = new(StringComparer.Ordinal);

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
    public async Task<SignInResult> SignInAsync(string tenant, string username, string password, CancellationToken ct = default) =>
        (await App(tenant).SignInAsync(username, password, ct).ConfigureAwait(false)).Result;

    /// <summary>AdminGetUser on <paramref name="tenant"/>'s pool; null when it has no such user.</summary>
    public Task<NewPoolUser?> GetUserAsync(string tenant, string username, CancellationToken ct = default) => App(tenant).GetUserAsync(username, ct);

    /// <summary>ListUsers on <paramref name="tenant"/>'s pool (every page): who the pool holds.</summary>
    public Task<IReadOnlyList<NewPoolUser>> ListUsersAsync(string tenant, CancellationToken ct = default) => App(tenant).ListUsersAsync(ct);

    /// <summary>Stops every function, every cognito-local, the proxies and the Parameter Store, newest first.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _started.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _http.Dispose();
        }
    }

    private NewPoolApp App(string tenant)
    {
        var pool = _tenants[tenant];
        return new NewPoolApp(_http, pool.Api.Endpoint, pool.UserPoolId, pool.ClientId);
    }

    private T Keep<T>(T started)
        where T : IAsyncDisposable => _started.Keep(started);

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
            var environment = LocalFunction.Environment(OldUserPoolId, OldClientId, poolId, mapParameter, Options.KeyParameterName, oldApi.Endpoint, Parameters.Endpoint);
            environment["MAP_CACHE_TTL_SECONDS"] = "60";
            environment["ALIAS_LOOKUP"] = "email";
            var function = await LocalFunction.StartAsync(new LambdaHostOptions
            {
                BootstrapPath = Options.BootstrapPath,
                FunctionName = "attrmapper-" + tenant,
                Environment = environment,
                OutputSink = Options.FunctionOutput,
            }, TimeSpan.FromSeconds(60), Keep, ct).ConfigureAwait(false);
            trigger.FunctionEndpoint = function.BaseAddress;

            _tenants[tenant] = new TenantPool(tenant, poolId, clientId, mapParameter, pool, api, trigger, function);
        }
    }

    private static string Capitalized(string tenant) =>
        new([.. tenant.Where(char.IsAsciiLetterOrDigit).Take(8).Select((c, i) => i == 0 ? char.ToUpperInvariant(c) : c)]);
}
