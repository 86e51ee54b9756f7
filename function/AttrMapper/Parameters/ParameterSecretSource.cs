using AttrMapper.Aws;

namespace AttrMapper.Parameters;

/// <summary>The old app client's secret from a SecureString parameter, cached with the same mechanism as the map.</summary>
internal sealed class ParameterSecretSource : ISecretSource
{
    private readonly RefreshingCache<string> _cache;

    /// <param name="reader">Parameter Store access.</param>
    /// <param name="parameterName">OLD_CLIENT_SECRET_PARAMETER.</param>
    /// <param name="ttl">How long a read secret is used before it is read again (a rotated secret is picked up after this).</param>
    /// <param name="time">The clock.</param>
    /// <param name="fetchTimeout">Bound on one GetParameter; 3 s if null.</param>
    /// <param name="stats">Counters; a fresh object if null.</param>
    public ParameterSecretSource(IParameterReader reader, string parameterName, TimeSpan ttl, TimeProvider time, TimeSpan? fetchTimeout = null, CacheStats? stats = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.Zero);
        _cache = new RefreshingCache<string>(
            async ct =>
            {
                var parameter = await reader.GetAsync(parameterName, ct).ConfigureAwait(false);
                var refreshAt = time.GetUtcNow() + ttl;
                return new CacheFill<string>(parameter.Value.Length == 0 ? null : parameter.Value, refreshAt, null);
            },
            time,
            fetchTimeout ?? TimeSpan.FromSeconds(3),
            retryAfterFailure: ttl,
            stats);
    }

    public CacheStats Stats => _cache.Stats;

    /// <summary>The re-read running now, or a completed task.</summary>
    public Task Refreshing => _cache.Refreshing;

    public ValueTask<string?> GetAsync(CancellationToken ct) => _cache.GetAsync(ct);
}
