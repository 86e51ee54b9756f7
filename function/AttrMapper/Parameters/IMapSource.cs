namespace AttrMapper.Parameters;

/// <summary>The current attribute map: cached, refreshed, the last good one kept.</summary>
internal interface IMapSource
{
    /// <summary>The map to use now; null only when nothing was ever loaded and nothing is loadable now.</summary>
    ValueTask<LoadedMap?> GetAsync(CancellationToken ct);
}
