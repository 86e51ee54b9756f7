using AttrMapper.Aws;
using AttrMapper.Cognito;
using AttrMapper.Configuration;
using AttrMapper.Migration;
using AttrMapper.Parameters;
using AttrMapper.Triggers;

namespace AttrMapper.Hosting;

/// <summary>
/// Everything a container builds once and keeps: the HTTP client and its connection pool, credentials (and the assumed
/// role), the SSM client, the map and client-secret caches, and the trigger dispatch with the handlers that use them.
/// </summary>
internal sealed class FunctionServices : IAsyncDisposable
{
    // The old client secret changes rarely and only by an operator's hand; re-reading it every few minutes is plenty.
    private static readonly TimeSpan SecretTtl = TimeSpan.FromMinutes(5);

    private readonly HttpClient upstreamHttp;
    private readonly SsmParameterReader parameters;
    private readonly IDisposable? assumedRole;
    private readonly CacheStats mapStats;
    private long mapProblemsReported;

    private FunctionServices(HttpClient upstreamHttp, SsmParameterReader parameters, IDisposable? assumedRole, CacheStats mapStats, TriggerDispatch handler)
    {
        this.upstreamHttp = upstreamHttp;
        this.parameters = parameters;
        this.assumedRole = assumedRole;
        this.mapStats = mapStats;
        Handler = handler;
    }

    /// <summary>Every trigger this bootstrap serves, routed by <c>triggerSource</c>; a new trigger is one more route below.</summary>
    public TriggerDispatch Handler { get; }

    public static FunctionServices Create(FunctionOptions options, TimeProvider clock, Func<string, string?> environment)
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

        var region = environment("AWS_REGION") is { Length: > 0 } own ? own : options.OldPoolRegion;
        var credentials = SdkCredentialProvider.FromDefaultChain();
        var parameters = SsmParameterReader.Create(credentials.Credentials, region, environment);
        var mapStats = new CacheStats();
        var maps = new ParameterMapSource(parameters, options.MapParameterName, options.MapCacheTtl, clock, stats: mapStats);
        var secret = options.OldClientSecretParameter is { } secretName
            ? new ParameterSecretSource(parameters, secretName, SecretTtl, clock)
            : null;

        AssumedRoleCredentials? assumedRole = options.OldPoolRoleArn is { } role
            ? AssumedRoleCredentials.Create(credentials.Credentials, region, role, options.OldPoolExternalId, environment, clock)
            : null;
        var oldPool = new OldPoolClient(
            http,
            OldPoolOptions.Create(options.OldUserPoolId, options.OldClientId, options.MigrationDeadline, environment),
            assumedRole ?? (ICredentialProvider)credentials,
            secret,
            clock);

        var migration = new MigrationHandler(options, oldPool, maps, clock, new HandlerTuning());
        var handler = new TriggerDispatch(
            [
                new TriggerRoute(TriggerEvent.Authentication, migration),
                new TriggerRoute(TriggerEvent.ForgotPassword, migration),
            ],
            options.MigrationDeadline,
            clock);
        return new FunctionServices(http, parameters, assumedRole, mapStats, handler);
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
}
