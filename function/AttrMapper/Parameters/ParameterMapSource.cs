using AttrMapper.Aws;
using AttrMapper.Mapping;

namespace AttrMapper.Parameters;

/// <summary>
/// The attribute map from one parameter: re-read after the TTL, one read at a time, a failed read or an invalid new document
/// keeps the last good map (counted in <see cref="Stats"/>). An expired map is served at once while the re-read runs
/// behind it; only a container without a good map waits for one.
/// </summary>
internal sealed class ParameterMapSource : IMapSource
{
    private readonly RefreshingCache<LoadedMap> _cache;

    /// <param name="reader">Parameter Store access.</param>
    /// <param name="parameterName">MAP_PARAMETER_NAME.</param>
    /// <param name="ttl">MAP_CACHE_TTL_SECONDS.</param>
    /// <param name="time">The clock.</param>
    /// <param name="fetchTimeout">Bound on one GetParameter; 3 s if null.</param>
    /// <param name="stats">Counters; a fresh object if null.</param>
    /// <param name="keys">
    /// The function's key (KEY_PARAMETER), null when not configured. A map with <c>groups</c> needs a valid key to tag its
    /// markers: without one it is refused exactly like an invalid document (<c>key_missing</c>, counted as a rejection, the
    /// last good map stays). The check lives here, at load, so Mapping stays pure and no invocation meets such a map.
    /// </param>
    public ParameterMapSource(
        IParameterReader reader, string parameterName, TimeSpan ttl, TimeProvider time, TimeSpan? fetchTimeout = null, CacheStats? stats = null,
        IKeySource? keys = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.Zero);
        _cache = new RefreshingCache<LoadedMap>(
            async ct =>
            {
                var parameter = await reader.GetAsync(parameterName, ct).ConfigureAwait(false);
                var parsed = MapDocument.Parse(parameter.Value);
                var refreshAt = time.GetUtcNow() + ttl;
                if (parsed.Map?.Groups is not null && (keys is null || await keys.GetAsync(ct).ConfigureAwait(false) is null))
                {
                    KeyMissing = true;
                    return new CacheFill<LoadedMap>(null, refreshAt, null);
                }

                KeyMissing = false;
                return parsed.Map is null
                    ? new CacheFill<LoadedMap>(null, refreshAt, null)
                    : new CacheFill<LoadedMap>(new LoadedMap(parsed.Map, parameter.Version), refreshAt, null);
            },
            time,
            fetchTimeout ?? TimeSpan.FromSeconds(3),
            retryAfterFailure: ttl,
            stats);
    }

    /// <summary>Fetches, loads, failures (last good kept), rejections (invalid document, last good kept).</summary>
    public CacheStats Stats => _cache.Stats;

    /// <summary>The last document read had <c>groups</c> and no valid key was there to tag markers (<c>key_missing</c>).</summary>
    public bool KeyMissing { get; private set; }

    /// <summary>The re-read running now, or a completed task.</summary>
    public Task Refreshing => _cache.Refreshing;

    public ValueTask<LoadedMap?> GetAsync(CancellationToken ct) => _cache.GetAsync(ct);
}
