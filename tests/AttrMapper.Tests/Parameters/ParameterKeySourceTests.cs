using AttrMapper.Parameters;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Parameters;

public sealed class ParameterKeySourceTests
{
    internal const string Key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Reader _reader = new();

    [Fact]
    public async Task Peek_Cold_NullAtOnceThenTheKeyOnceTheReadLands()
    {
        _reader.Value = new ParameterValue(Key, 2);
        _reader.Gate = new TaskCompletionSource();
        var keys = Source();

        keys.Peek().ShouldBeNull();
        keys.Problem.ShouldBe(ParameterKeySource.Unavailable);
        _reader.Gate.SetResult();
        await keys.Refreshing.WaitAsync(Patience);

        keys.Peek().ShouldNotBeNull().Version.ShouldBe(2);
        _reader.Names.ShouldBe(["/attrmapper/key"]);
    }

    [Fact]
    public async Task GetAsync_ReadsOncePerTtl()
    {
        _reader.Value = new ParameterValue(Key, 1);
        var keys = Source();

        var first = await keys.GetAsync(default);
        _time.Advance(Ttl - TimeSpan.FromSeconds(1));
        (await keys.GetAsync(default)).ShouldBeSameAs(first);

        _reader.Names.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("not-base64!")]
    [InlineData("c2hvcnQ=")]
    public async Task GetAsync_MalformedValue_NoKeyCountedAsRejectionAndNamedMalformed(string value)
    {
        _reader.Value = new ParameterValue(value, 1);
        var keys = Source();

        (await keys.GetAsync(default)).ShouldBeNull();

        keys.Stats.Rejections.ShouldBe(1);
        keys.Problem.ShouldBe(ParameterKeySource.Malformed);
    }

    [Fact]
    public async Task GetAsync_StoreDown_NoKeyNamedUnavailable()
    {
        _reader.Fail = true;
        var keys = Source();

        (await keys.GetAsync(default)).ShouldBeNull();

        keys.Stats.Failures.ShouldBe(1);
        keys.Problem.ShouldBe(ParameterKeySource.Unavailable);
    }

    [Fact]
    public async Task GetAsync_RotatedToAMalformedValue_KeepsTheLastGoodKey()
    {
        _reader.Value = new ParameterValue(Key, 1);
        var keys = Source();
        var first = await keys.GetAsync(default);
        _reader.Value = new ParameterValue("garbage", 2);
        _time.Advance(Ttl);

        (await keys.GetAsync(default)).ShouldBeSameAs(first);
        await keys.Refreshing.WaitAsync(Patience);
        (await keys.GetAsync(default)).ShouldBeSameAs(first);
        keys.Stats.Rejections.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_Rotated_NewKeyAfterTheTtl()
    {
        _reader.Value = new ParameterValue(Key, 1);
        var keys = Source();
        await keys.GetAsync(default);
        _reader.Value = new ParameterValue(Convert.ToBase64String(new byte[48]), 2);
        _time.Advance(Ttl);

        await keys.GetAsync(default);
        await keys.Refreshing.WaitAsync(Patience);

        (await keys.GetAsync(default))!.Version.ShouldBe(2);
    }

    private ParameterKeySource Source() => new(_reader, "/attrmapper/key", Ttl, _time);

    private sealed class Reader : IParameterReader
    {
        public ParameterValue Value { get; set; } = new(Key, 1);

        public bool Fail { get; set; }

        public TaskCompletionSource? Gate { get; set; }

        public List<string> Names { get; } = [];

        public async Task<ParameterValue> GetAsync(string name, CancellationToken ct)
        {
            lock (Names)
            {
                Names.Add(name);
            }

            if (Gate is { } gate)
            {
                await gate.Task;
            }

            return Fail ? throw new HttpRequestException("ssm down") : Value;
        }
    }
}
