using AttrMapper.Aws;
using AttrMapper.Cognito;
using AttrMapper.Configuration;
using AttrMapper.Groups;
using AttrMapper.Logging;
using AttrMapper.Migration;
using AttrMapper.Parameters;
using AttrMapper.Triggers;

namespace AttrMapper.Hosting;

/// <summary>
/// Everything a container builds once and keeps: the HTTP client and its connection pool, credentials (and the assumed
/// role), the SSM client, the map, client-secret and function-key caches, and the trigger dispatch with the handlers
/// that use them. Every setting comes from <see cref="FunctionOptions"/>; nothing here reads the environment.
/// </summary>
internal sealed class FunctionServices : IAsyncDisposable
{
    // The old client secret and the function's key change rarely and only by an operator's hand; re-reading them every
    // few minutes is plenty.
    private static readonly TimeSpan SecretTtl = TimeSpan.FromMinutes(5);

    private readonly HttpClient upstreamHttp;
    private readonly SsmParameterReader parameters;
    private readonly IDisposable? assumedRole;
    private readonly CacheStats mapStats;
    private readonly ParameterKeySource? keys;
    private readonly UserHasher deploymentHasher;
    private volatile KeyedHasher? keyedHasher;
    private long mapProblemsReported;

    private FunctionServices(
        HttpClient upstreamHttp,
        SsmParameterReader parameters,
        IDisposable? assumedRole,
        CacheStats mapStats,
        ParameterKeySource? keys,
        FunctionOptions options,
        TriggerDispatch handler)
    {
        this.upstreamHttp = upstreamHttp;
        this.parameters = parameters;
        this.assumedRole = assumedRole;
        this.mapStats = mapStats;
        this.keys = keys;
        deploymentHasher = UserHasher.ForDeployment(options.OldUserPoolId, options.OldClientId);
        Handler = handler;
    }

    /// <summary>Every trigger this bootstrap serves, routed by <c>triggerSource</c>; a new trigger is one more route below.</summary>
    public TriggerDispatch Handler { get; }

    /// <summary>The function's own key (KEY_PARAMETER), or null when that is not set.</summary>
    public IKeySource? Keys => keys;

    public static FunctionServices Create(FunctionOptions options, TimeProvider clock)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            // Lambda containers live for hours: recycle connections so DNS changes are seen.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // A connect that cannot finish quickly will not finish within Cognito's 5 s either.
            ConnectTimeout = TimeSpan.FromSeconds(1),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        var credentials = SdkCredentialProvider.FromDefaultChain();
        var parameters = SsmParameterReader.Create(credentials.Credentials, options.Region, options.SsmEndpoint);
        var mapStats = new CacheStats();

        // The key is read once per container, like the client secret. Init starts that read and does not wait for it: an
        // unreachable Parameter Store must not fail init (DESIGN.md §3), and the first answer must not wait on a key
        // that only the log line needs. Until it lands, lines carry no hash (see UserHasherNow).
        var keys = options.KeyParameter is { } keyName
            ? new ParameterKeySource(parameters, keyName, SecretTtl, clock)
            : null;
        keys?.Peek();

        var maps = new ParameterMapSource(parameters, options.MapParameterName, options.MapCacheTtl, clock, stats: mapStats, keys: keys);
        var secret = options.OldClientSecretParameter is { } secretName
            ? new ParameterSecretSource(parameters, secretName, SecretTtl, clock)
            : null;

        AssumedRoleCredentials? assumedRole = options.OldPoolRoleArn is { } role
            ? AssumedRoleCredentials.Create(credentials.Credentials, options.Region, role, options.OldPoolExternalId, options.StsEndpoint, clock)
            : null;
        var oldPool = new OldPoolClient(
            http,
            OldPoolOptions.Create(options.OldUserPoolId, options.OldClientId, options.MigrationDeadline, options.CognitoEndpoint),
            assumedRole ?? (ICredentialProvider)credentials,
            clock,
            secret);

        // New-pool calls: the event pool's endpoint, signed with the function's own credentials, never the assumed role.
        var newPool = new NewPoolClient(new CognitoTransport(http, credentials, clock), options.CognitoEndpoint, options.MigrationDeadline);
        var signInKinds = new PoolSignInKinds(newPool);
        var markers = keys is null ? null : new MarkerWriter(keys, signInKinds);

        var migration = new MigrationHandler(options, oldPool, maps, clock, new HandlerTuning(), markers);
        var groupMarkers = new MarkerReader(options, keys, maps, signInKinds);
        var tokens = new PreTokenGenerationHandler(groupMarkers, clock);
        var settle = new SettleHandler(groupMarkers, new MarkerSettlement(newPool, oldPool), clock);
        var handler = new TriggerDispatch(
            [
                new TriggerRoute(TriggerEvent.Authentication, migration),
                new TriggerRoute(TriggerEvent.ForgotPassword, migration),
                new TriggerRoute(PreTokenGenerationHandler.Family, tokens),
                new TriggerRoute(SettleHandler.PostAuthentication, settle),
                new TriggerRoute(SettleHandler.PostConfirmation, settle),
            ],
            options.MigrationDeadline,
            clock);
        return new FunctionServices(http, parameters, assumedRole, mapStats, keys, options, handler);
    }

    /// <summary>
    /// The hasher for the log line being written now. With KEY_PARAMETER it is keyed by the key's <c>log-hash</c> sub-key
    /// once that has loaded; before (or while the parameter holds no valid key) a line carries no hash at all, marked
    /// <c>key_unavailable</c> / <c>key_malformed</c>. A production operator is better served by a few lines without a hash
    /// than by hashes under the pool and client ids, which are not secret: a log reader could confirm a guessed
    /// username. Without KEY_PARAMETER the deployment pseudonym applies (marked <c>deployment</c>).
    /// </summary>
    public UserHasher UserHasherNow()
    {
        if (keys is null)
        {
            return deploymentHasher;
        }

        if (keys.Peek() is not { } key)
        {
            return UserHasher.Unavailable(keys.Problem);
        }

        if (keyedHasher is { } cached && ReferenceEquals(cached.Key, key))
        {
            return cached.Hasher;
        }

        var hasher = UserHasher.ForKey(key.Derive(FunctionKey.LogHashPurpose), key.Version);
        keyedHasher = new KeyedHasher(key, hasher);
        return hasher;
    }

    /// <summary>Map refreshes that failed or brought an invalid document since the last call.</summary>
    public long TakeMapRefreshFailures()
    {
        var total = mapStats.Failures + mapStats.Rejections;
        return total - Interlocked.Exchange(ref mapProblemsReported, total);
    }

    public ValueTask DisposeAsync()
    {
        assumedRole?.Dispose();
        parameters.Dispose();
        upstreamHttp.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed record KeyedHasher(FunctionKey Key, UserHasher Hasher);
}
