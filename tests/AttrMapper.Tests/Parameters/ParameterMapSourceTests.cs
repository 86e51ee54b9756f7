using AttrMapper.Parameters;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Parameters;

public sealed class ParameterMapSourceTests
{
    internal const string ValidMap = """{"version":1,"rules":[{"op":"copy","from":"email"}]}""";
    internal const string InvalidMap = """{"version":99,"rules":[]}""";
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeReader _reader = new();

    [Fact]
    public async Task GetAsync_ValidDocument_MapWithParameterVersion()
    {
        _reader.Set(ValidMap, 7);

        var loaded = await Source().GetAsync(default);

        loaded.ShouldNotBeNull();
        loaded.ParameterVersion.ShouldBe(7);
        _reader.LastName.ShouldBe("/attrmapper/map");
    }

    [Fact]
    public async Task GetAsync_BeforeAndAtTtl_OneReadPerTtl()
    {
        _reader.Set(ValidMap, 1);
        var source = Source();
        await source.GetAsync(default);

        _time.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        _reader.Set(ValidMap, 2);
        (await source.GetAsync(default))!.ParameterVersion.ShouldBe(1);
        _reader.Reads.ShouldBe(1);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await source.GetAsync(default))!.ParameterVersion.ShouldBe(1);
        await source.Refreshing.WaitAsync(Patience);
        (await source.GetAsync(default))!.ParameterVersion.ShouldBe(2);
        _reader.Reads.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_RefreshHangs_ExpiredMapServedAtOnceWhileOneReadRuns()
    {
        _reader.Set(ValidMap, 1);
        var source = Source();
        var first = await source.GetAsync(default);
        _time.Advance(Ttl);
        _reader.Gate = new TaskCompletionSource();
        _reader.Started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var served = Enumerable.Range(0, 10).Select(_ => source.GetAsync(default)).ToArray();

        served.ShouldAllBe(s => s.IsCompletedSuccessfully && ReferenceEquals(s.Result, first));

        // The read runs on the thread pool: on a loaded machine it may not have begun yet when the callers return.
        await _reader.Started.Task.WaitAsync(Patience);
        _reader.Reads.ShouldBe(2);
        source.Refreshing.IsCompleted.ShouldBeFalse();
        _reader.Gate.SetResult();
    }

    [Fact]
    public async Task GetAsync_RefreshHangsPastFetchTimeout_CountedAsFailureAndRetriedAfterTtl()
    {
        _reader.Set(ValidMap, 1);
        var source = new ParameterMapSource(_reader, "/attrmapper/map", Ttl, _time, fetchTimeout: TimeSpan.FromSeconds(2));
        var first = await source.GetAsync(default);
        _time.Advance(Ttl);
        _reader.Hang = true;
        _reader.Started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        (await source.GetAsync(default)).ShouldBeSameAs(first);
        await _reader.Started.Task.WaitAsync(Patience);
        _time.Advance(TimeSpan.FromSeconds(2));
        await source.Refreshing.WaitAsync(Patience);
        source.Stats.Failures.ShouldBe(1);
        source.Stats.LastFailureType.ShouldBe("Timeout");

        _reader.Hang = false;
        _reader.Set(ValidMap, 2);
        _time.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        (await source.GetAsync(default)).ShouldBeSameAs(first);
        _reader.Reads.ShouldBe(2);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await source.GetAsync(default)).ShouldBeSameAs(first);
        await source.Refreshing.WaitAsync(Patience);
        (await source.GetAsync(default))!.ParameterVersion.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_RefreshSlow_OldMapUntilTheNewOneLands()
    {
        _reader.Set(ValidMap, 1);
        var source = Source();
        await source.GetAsync(default);
        _time.Advance(Ttl);
        _reader.Set(ValidMap, 2);
        _reader.Gate = new TaskCompletionSource();

        (await source.GetAsync(default))!.ParameterVersion.ShouldBe(1);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await source.GetAsync(default))!.ParameterVersion.ShouldBe(1);
        _reader.Gate.SetResult();
        await source.Refreshing.WaitAsync(Patience);

        (await source.GetAsync(default))!.ParameterVersion.ShouldBe(2);
        _reader.Reads.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_ColdAndReadHangs_CallerWaitsWithinItsToken()
    {
        _reader.Set(ValidMap, 1);
        _reader.Gate = new TaskCompletionSource();
        var source = Source();
        using var deadline = new CancellationTokenSource();

        var pending = source.GetAsync(deadline.Token).AsTask();
        pending.IsCompleted.ShouldBeFalse();
        await deadline.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(pending);
        _reader.Gate.SetResult();
        await source.Refreshing.WaitAsync(Patience);
        (await source.GetAsync(default))!.ParameterVersion.ShouldBe(1);
        _reader.Reads.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_NewDocumentInvalid_KeepsLastGoodMapAndCounts()
    {
        _reader.Set(ValidMap, 1);
        var source = Source();
        var first = await source.GetAsync(default);
        _time.Advance(Ttl);
        _reader.Set(InvalidMap, 2);

        await source.GetAsync(default);
        await source.Refreshing.WaitAsync(Patience);
        var after = await source.GetAsync(default);

        after.ShouldBeSameAs(first);
        source.Stats.Rejections.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_ReadFails_KeepsLastGoodMapAndCounts()
    {
        _reader.Set(ValidMap, 1);
        var source = Source();
        var first = await source.GetAsync(default);
        _time.Advance(Ttl);
        _reader.Fail = true;

        (await source.GetAsync(default)).ShouldBeSameAs(first);
        await source.Refreshing.WaitAsync(Patience);
        (await source.GetAsync(default)).ShouldBeSameAs(first);
        source.Stats.Failures.ShouldBe(1);
        source.Stats.LastFailureType.ShouldBe(nameof(HttpRequestException));
    }

    [Fact]
    public async Task GetAsync_ColdAndReadFails_NullThenRecovers()
    {
        _reader.Fail = true;
        var source = Source();

        (await source.GetAsync(default)).ShouldBeNull();

        _reader.Set(ValidMap, 3);
        _reader.Fail = false;
        (await source.GetAsync(default))!.ParameterVersion.ShouldBe(3);
    }

    [Fact]
    public async Task GetAsync_ColdAndInvalid_Null()
    {
        _reader.Set("not json at all", 1);

        (await Source().GetAsync(default)).ShouldBeNull();
    }

    [Fact]
    public async Task GetAsync_ConcurrentColdCallers_OneRead()
    {
        _reader.Set(ValidMap, 1);
        _reader.Gate = new TaskCompletionSource();
        var source = Source();

        var callers = Enumerable.Range(0, 24).Select(_ => source.GetAsync(default).AsTask()).ToArray();
        _reader.Gate.SetResult();
        var maps = await Task.WhenAll(callers);

        _reader.Reads.ShouldBe(1);
        maps.Distinct().ShouldHaveSingleItem().ShouldNotBeNull();
    }

    [Fact]
    public async Task SecretSource_SameCache_ReadsOncePerTtlAndKeepsLastGood()
    {
        _reader.Set("client-secret-1", 1);
        var secrets = new ParameterSecretSource(_reader, "/attrmapper/old-client-secret", Ttl, _time);

        (await secrets.GetAsync(default)).ShouldBe("client-secret-1");
        (await secrets.GetAsync(default)).ShouldBe("client-secret-1");
        _time.Advance(Ttl);
        _reader.Fail = true;
        (await secrets.GetAsync(default)).ShouldBe("client-secret-1");
        await secrets.Refreshing.WaitAsync(Patience);

        _reader.Reads.ShouldBe(2);
        secrets.Stats.Failures.ShouldBe(1);
    }

    private ParameterMapSource Source() => new(_reader, "/attrmapper/map", Ttl, _time);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetAsync_GroupsMapWithoutAKey_RefusedLikeAnInvalidDocumentAndTheLastGoodStays(bool keyParameterSet)
    {
        var stats = new AttrMapper.Aws.CacheStats();
        var keys = keyParameterSet ? new AttrMapper.Tests.Fakes.FakeKeySource(null) : null;
        var source = new ParameterMapSource(_reader, "/attrmapper/map", Ttl, _time, stats: stats, keys: keys);
        _reader.Set(ValidMap, 1);
        (await source.GetAsync(default))!.ParameterVersion.ShouldBe(1);

        _time.Advance(Ttl);
        _reader.Set(AttrMapper.Tests.Fakes.Maps.WithGroups, 2);
        await source.GetAsync(default);
        await source.Refreshing;

        (await source.GetAsync(default))!.ParameterVersion.ShouldBe(1);
        source.KeyMissing.ShouldBeTrue();
        stats.Rejections.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_GroupsMapWithAKey_Loaded()
    {
        var source = new ParameterMapSource(_reader, "/attrmapper/map", Ttl, _time, keys: AttrMapper.Tests.Fakes.FakeKeySource.Holding());
        _reader.Set(AttrMapper.Tests.Fakes.Maps.WithGroups, 3);

        (await source.GetAsync(default))!.Map.Groups.ShouldNotBeNull();
        source.KeyMissing.ShouldBeFalse();
    }

    private sealed class FakeReader : IParameterReader
    {
        private int _reads;
        private ParameterValue _value = new(string.Empty, 0);

        public bool Fail { get; set; }

        /// <summary>When set, a read waits for it, ignoring its token.</summary>
        public TaskCompletionSource? Gate { get; set; }

        /// <summary>A read waits until its token is cancelled (a Parameter Store that never answers).</summary>
        public bool Hang { get; set; }

        /// <summary>Completed when a read has started (replace it to wait for the next one).</summary>
        public TaskCompletionSource Started { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? LastName { get; private set; }

        public int Reads => Volatile.Read(ref _reads);

        public void Set(string value, long version) => _value = new ParameterValue(value, version);

        public async Task<ParameterValue> GetAsync(string name, CancellationToken ct)
        {
            Interlocked.Increment(ref _reads);
            LastName = name;
            Started.TrySetResult();
            if (Gate is { } gate)
            {
                await gate.Task;
            }

            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return Fail ? throw new HttpRequestException("ssm down") : _value;
        }
    }
}
