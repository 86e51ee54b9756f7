using AttrMapper.Mapping;

namespace AttrMapper.Parameters;

/// <summary>A validated attribute map with the Parameter Store version it was read from.</summary>
internal sealed record LoadedMap(AttributeMap Map, long ParameterVersion);

/// <summary>The current attribute map: cached, refreshed, the last good one kept.</summary>
internal interface IMapSource
{
    /// <summary>The map to use now; null only when nothing was ever loaded and nothing is loadable now.</summary>
    ValueTask<LoadedMap?> GetAsync(CancellationToken ct);
}

/// <summary>The old app client's secret, cached like the map.</summary>
internal interface ISecretSource
{
    ValueTask<string?> GetAsync(CancellationToken ct);
}
