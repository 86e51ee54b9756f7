using AttrMapper.Mapping;
using AttrMapper.Parameters;

namespace AttrMapper.Tests.Fakes;

/// <summary>A map source that always answers with one given map, or with nothing.</summary>
internal sealed class FakeMapSource(LoadedMap? map) : IMapSource
{
    public int Fetches { get; private set; }

    public static FakeMapSource Of(string json, long version = 7)
    {
        var parsed = MapDocument.Parse(json);
        parsed.Map.ShouldNotBeNull(string.Join("; ", parsed.Problems.Select(p => $"{p.Path}: {p.Message}")));
        return new FakeMapSource(new LoadedMap(parsed.Map, version));
    }

    public static FakeMapSource Unavailable() => new(null);

    public ValueTask<LoadedMap?> GetAsync(CancellationToken ct)
    {
        Fetches++;
        return ValueTask.FromResult(map);
    }
}
