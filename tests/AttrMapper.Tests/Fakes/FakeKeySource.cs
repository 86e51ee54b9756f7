using AttrMapper.Parameters;

namespace AttrMapper.Tests.Fakes;

/// <summary>A key source that holds one key (or none).</summary>
internal sealed class FakeKeySource(FunctionKey? key) : IKeySource
{
    public static readonly FunctionKey TestKey = FunctionKey.TryParse(Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()), 1)!;

    public static FakeKeySource Holding() => new(TestKey);

    public FunctionKey? Peek() => key;

    public ValueTask<FunctionKey?> GetAsync(CancellationToken ct) => ValueTask.FromResult(key);
}
