using AttrMapper.Aws;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Aws;

public sealed class RefreshingCacheTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetAsync_WithinTtl_FetchesOnce()
    {
        var upstream = new Upstream(_time);
        var cache = upstream.Cache();

        (await cache.GetAsync(default)).ShouldBe("v1");
        _time.Advance(Ttl - TimeSpan.FromTicks(1));
        (await cache.GetAsync(default)).ShouldBe("v1");

        upstream.Fetches.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_AtTtl_ServesStaleAtOnceThenTheRefreshedValue()
    {
        var upstream = new Upstream(_time);
        var cache = upstream.Cache();
        await cache.GetAsync(default);
        upstream.Next = "v2";

        _time.Advance(Ttl);

        (await cache.GetAsync(default)).ShouldBe("v1");
        await cache.Refreshing.WaitAsync(Patience);
        (await cache.GetAsync(default)).ShouldBe("v2");
        upstream.Fetches.ShouldBe(2);
        cache.Stats.Loads.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_ConcurrentColdCallers_ShareOneFetch()
    {
        var upstream = new Upstream(_time) { Gate = new TaskCompletionSource() };
        var cache = upstream.Cache();

        // Each call joins synchronously before its first await, so all 32 are waiting on the one blocked fetch.
        var callers = Enumerable.Range(0, 32).Select(_ => cache.GetAsync(default).AsTask()).ToArray();
        upstream.Gate.SetResult();
        var results = await Task.WhenAll(callers);

        results.ShouldAllBe(r => r == "v1");
        upstream.Fetches.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_StaleAndRefreshHangs_EveryCallerServedAtOnceByOneRefresh()
    {
        var upstream = new Upstream(_time);
        var cache = await LoadedThenExpiredAsync(upstream);
        upstream.Gate = new TaskCompletionSource();

        // Completed synchronously: nobody waits for the refresh that hangs behind them.
        var callers = Enumerable.Range(0, 16).Select(_ => cache.GetAsync(default)).ToArray();

        callers.ShouldAllBe(c => c.IsCompletedSuccessfully && c.Result == "v1");

        // The refresh runs on the thread pool: on a loaded machine it may not have begun yet when the callers return.
        await upstream.Started.Task.WaitAsync(Patience);
        upstream.Fetches.ShouldBe(2);
        cache.Refreshing.IsCompleted.ShouldBeFalse();
        upstream.Gate.SetResult();
    }

    [Fact]
    public async Task GetAsync_StaleAndRefreshSlow_StaleUntilItLandsThenNew()
    {
        var upstream = new Upstream(_time);
        var cache = await LoadedThenExpiredAsync(upstream);
        upstream.Next = "v2";
        upstream.Gate = new TaskCompletionSource();

        (await cache.GetAsync(default)).ShouldBe("v1");
        _time.Advance(TimeSpan.FromSeconds(1));
        (await cache.GetAsync(default)).ShouldBe("v1");
        upstream.Gate.SetResult();
        await cache.Refreshing.WaitAsync(Patience);

        (await cache.GetAsync(default)).ShouldBe("v2");
        upstream.Fetches.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_StaleAndRefreshHangsPastFetchTimeout_TimeoutEndsItAndLastGoodStays()
    {
        var upstream = new Upstream(_time);
        var cache = await LoadedThenExpiredAsync(upstream);
        upstream.Hang = true;

        (await cache.GetAsync(default)).ShouldBe("v1");
        await upstream.Started.Task.WaitAsync(Patience);
        cache.Refreshing.IsCompleted.ShouldBeFalse();
        _time.Advance(FetchTimeout);
        await cache.Refreshing.WaitAsync(Patience);

        (await cache.GetAsync(default)).ShouldBe("v1");
        cache.Stats.Failures.ShouldBe(1);
        cache.Stats.LastFailureType.ShouldBe("Timeout");
        upstream.Fetches.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_FetchIgnoresItsToken_FetchTimeoutStillEndsIt()
    {
        var upstream = new Upstream(_time);
        var cache = await LoadedThenExpiredAsync(upstream);
        upstream.Gate = new TaskCompletionSource();

        (await cache.GetAsync(default)).ShouldBe("v1");
        await upstream.Started.Task.WaitAsync(Patience);
        _time.Advance(FetchTimeout);

        await cache.Refreshing.WaitAsync(Patience);
        cache.Stats.Failures.ShouldBe(1);
        upstream.Gate.SetResult();
    }

    [Fact]
    public async Task GetAsync_RefreshFails_KeepsLastKnownGoodAndCountsIt()
    {
        var upstream = new Upstream(_time);
        var cache = await LoadedThenExpiredAsync(upstream);
        upstream.Fail = true;

        (await cache.GetAsync(default)).ShouldBe("v1");
        await cache.Refreshing.WaitAsync(Patience);
        (await cache.GetAsync(default)).ShouldBe("v1");

        cache.Stats.Failures.ShouldBe(1);
        cache.Stats.LastFailureType.ShouldBe(nameof(HttpRequestException));
        upstream.Fetches.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_AfterFailedRefresh_WaitsRetryIntervalBeforeAskingAgain()
    {
        var upstream = new Upstream(_time);
        var cache = await LoadedThenExpiredAsync(upstream);
        upstream.Fail = true;
        await cache.GetAsync(default);
        await cache.Refreshing.WaitAsync(Patience);

        _time.Advance(Ttl - TimeSpan.FromTicks(1));
        await cache.GetAsync(default);
        upstream.Fetches.ShouldBe(2);

        upstream.Fail = false;
        upstream.Next = "v2";
        _time.Advance(TimeSpan.FromTicks(1));
        (await cache.GetAsync(default)).ShouldBe("v1");
        await cache.Refreshing.WaitAsync(Patience);
        (await cache.GetAsync(default)).ShouldBe("v2");
        upstream.Fetches.ShouldBe(3);
    }

    [Fact]
    public async Task GetAsync_RejectedNewValue_KeepsLastKnownGoodAndCountsRejection()
    {
        var upstream = new Upstream(_time);
        var cache = await LoadedThenExpiredAsync(upstream);
        upstream.Next = null;

        await cache.GetAsync(default);
        await cache.Refreshing.WaitAsync(Patience);

        (await cache.GetAsync(default)).ShouldBe("v1");
        cache.Stats.Rejections.ShouldBe(1);
        cache.Stats.Failures.ShouldBe(0);
    }

    [Fact]
    public async Task GetAsync_ColdAndFetchFails_NullAndNextCallFetchesAgain()
    {
        var upstream = new Upstream(_time) { Fail = true };
        var cache = upstream.Cache();

        (await cache.GetAsync(default)).ShouldBeNull();

        upstream.Fail = false;
        (await cache.GetAsync(default)).ShouldBe("v1");
        upstream.Fetches.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_ColdAndRejected_Null()
    {
        var upstream = new Upstream(_time) { Next = null };
        var cache = upstream.Cache();

        (await cache.GetAsync(default)).ShouldBeNull();
        cache.Stats.Rejections.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_ColdAndFetchHangs_WaitsUntilItsTokenEndsThenThrows()
    {
        var upstream = new Upstream(_time) { Gate = new TaskCompletionSource() };
        var cache = upstream.Cache();
        using var cts = new CancellationTokenSource();

        var pending = cache.GetAsync(cts.Token).AsTask();
        pending.IsCompleted.ShouldBeFalse();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(pending);
        cache.Refreshing.IsCompleted.ShouldBeFalse();
        upstream.Gate.SetResult();
        await cache.Refreshing.WaitAsync(Patience);
        (await cache.GetAsync(default)).ShouldBe("v1");
        upstream.Fetches.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_PastUsableUntil_WaitsForTheRefreshInsteadOfServingIt()
    {
        var upstream = new Upstream(_time) { UsableFor = TimeSpan.FromSeconds(90) };
        var cache = upstream.Cache();
        await cache.GetAsync(default);
        upstream.Next = "v2";
        upstream.Gate = new TaskCompletionSource();

        _time.Advance(TimeSpan.FromSeconds(90));
        var pending = cache.GetAsync(default).AsTask();

        pending.IsCompleted.ShouldBeFalse();
        upstream.Gate.SetResult();
        (await pending.WaitAsync(Patience)).ShouldBe("v2");
    }

    [Fact]
    public async Task GetAsync_PastUsableUntilAndRefreshFails_Null()
    {
        var upstream = new Upstream(_time) { UsableFor = TimeSpan.FromSeconds(90) };
        var cache = upstream.Cache();
        await cache.GetAsync(default);
        upstream.Fail = true;

        _time.Advance(Ttl);
        (await cache.GetAsync(default)).ShouldBe("v1");
        await cache.Refreshing.WaitAsync(Patience);

        _time.Advance(Ttl);
        (await cache.GetAsync(default)).ShouldBeNull();
    }

    [Fact]
    public async Task Peek_Cold_NullAndStartsOneFetchBehindIt()
    {
        var upstream = new Upstream(_time) { Gate = new TaskCompletionSource() };
        var cache = upstream.Cache();

        cache.Peek().ShouldBeNull();
        cache.Peek().ShouldBeNull();
        upstream.Gate.SetResult();
        await cache.Refreshing.WaitAsync(Patience);

        cache.Peek().ShouldBe("v1");
        upstream.Fetches.ShouldBe(1);
    }

    [Fact]
    public async Task Peek_Fresh_ValueWithoutFetching()
    {
        var upstream = new Upstream(_time);
        var cache = upstream.Cache();
        await cache.GetAsync(default);

        cache.Peek().ShouldBe("v1");

        cache.Refreshing.IsCompleted.ShouldBeTrue();
        upstream.Fetches.ShouldBe(1);
    }

    /// <summary>A cache that loaded v1 once and whose TTL has just run out; <see cref="Upstream.Started"/> then reports the next fetch.</summary>
    private async Task<RefreshingCache<string>> LoadedThenExpiredAsync(Upstream upstream)
    {
        var cache = upstream.Cache();
        (await cache.GetAsync(default)).ShouldBe("v1");
        upstream.Started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _time.Advance(Ttl);
        return cache;
    }

    private sealed class Upstream(FakeTimeProvider time)
    {
        private int _fetches;

        public string? Next { get; set; } = "v1";

        public bool Fail { get; set; }

        public bool Hang { get; set; }

        public TimeSpan? UsableFor { get; set; }

        /// <summary>When set, a fetch waits for it, ignoring its token (as a client that does not honour cancellation).</summary>
        public TaskCompletionSource? Gate { get; set; }

        /// <summary>Completed when a fetch has started (its timeout is already armed).</summary>
        public TaskCompletionSource Started { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Fetches => Volatile.Read(ref _fetches);

        public RefreshingCache<string> Cache() => new(FetchAsync, time, FetchTimeout, retryAfterFailure: Ttl);

        private async Task<CacheFill<string>> FetchAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref _fetches);
            Started.TrySetResult();
            if (Gate is { } gate)
            {
                await gate.Task;
            }

            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            if (Fail)
            {
                throw new HttpRequestException("upstream down");
            }

            var now = time.GetUtcNow();
            return new CacheFill<string>(Next, now + Ttl, UsableFor is { } u ? now + u : null);
        }
    }
}
