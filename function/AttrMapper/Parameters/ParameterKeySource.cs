using AttrMapper.Aws;

namespace AttrMapper.Parameters;

/// <summary>
/// The function's key from the SecureString parameter KEY_PARAMETER, through the same cache as the client secret: read
/// once per container, re-read after the TTL behind the key in use, the last good key kept when a read fails. A value that
/// is not a key (not base64, fewer than 32 bytes) is refused like an invalid map: counted as a rejection, never shown.
/// </summary>
internal sealed class ParameterKeySource : IKeySource
{
    /// <summary>Why there is no key: the parameter's value is not a key.</summary>
    public const string Malformed = "key_malformed";

    /// <summary>Why there is no key: not loaded yet, or Parameter Store did not answer.</summary>
    public const string Unavailable = "key_unavailable";

    private readonly RefreshingCache<FunctionKey> _cache;
    private volatile string _problem = Unavailable;

    /// <param name="reader">Parameter Store access.</param>
    /// <param name="parameterName">KEY_PARAMETER.</param>
    /// <param name="ttl">How long a read key is used before it is read again (a rotated key is picked up after this).</param>
    /// <param name="time">The clock.</param>
    /// <param name="fetchTimeout">Bound on one GetParameter; 3 s if null.</param>
    public ParameterKeySource(IParameterReader reader, string parameterName, TimeSpan ttl, TimeProvider time, TimeSpan? fetchTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.Zero);
        _cache = new RefreshingCache<FunctionKey>(
            async ct =>
            {
                ParameterValue parameter;
                try
                {
                    parameter = await reader.GetAsync(parameterName, ct).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    _problem = Unavailable;
                    throw;
                }

                var key = FunctionKey.TryParse(parameter.Value, parameter.Version);
                _problem = key is null ? Malformed : Unavailable;
                return new CacheFill<FunctionKey>(key, time.GetUtcNow() + ttl, null);
            },
            time,
            fetchTimeout ?? TimeSpan.FromSeconds(3),
            retryAfterFailure: ttl,
            stats: null);
    }

    /// <summary>Reads, loads, failures and rejections (malformed values).</summary>
    public CacheStats Stats => _cache.Stats;

    /// <summary>The read running now, or a completed task.</summary>
    public Task Refreshing => _cache.Refreshing;

    /// <summary>While <see cref="Peek"/> gives null: <see cref="Malformed"/> when the last read brought a value that is not a key, else <see cref="Unavailable"/>.</summary>
    public string Problem => _problem;

    public FunctionKey? Peek() => _cache.Peek();

    public ValueTask<FunctionKey?> GetAsync(CancellationToken ct) => _cache.GetAsync(ct);
}
