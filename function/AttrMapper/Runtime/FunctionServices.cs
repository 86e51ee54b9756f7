using AttrMapper.Cognito;
using AttrMapper.Configuration;
using AttrMapper.Migration;
using AttrMapper.Parameters;

namespace AttrMapper.Runtime;

/// <summary>Everything a container builds once and keeps: HTTP clients, credentials, the map cache, the handler.</summary>
internal sealed class FunctionServices : IAsyncDisposable
{
    private readonly HttpClient upstreamHttp;

    private FunctionServices(HttpClient upstreamHttp, MigrationHandler handler, Func<long> takeMapRefreshFailures)
    {
        this.upstreamHttp = upstreamHttp;
        Handler = handler;
        TakeMapRefreshFailures = takeMapRefreshFailures;
    }

    public MigrationHandler Handler { get; }

    public Func<long> TakeMapRefreshFailures { get; }

    public static FunctionServices Create(FunctionOptions options, TimeProvider clock)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        IOldPool oldPool = null!; // wired at merge
        IMapSource maps = null!;
        var handler = new MigrationHandler(options, oldPool, maps, clock, new HandlerTuning());
        return new FunctionServices(http, handler, () => 0);
    }

    public ValueTask DisposeAsync()
    {
        upstreamHttp.Dispose();
        return ValueTask.CompletedTask;
    }
}
