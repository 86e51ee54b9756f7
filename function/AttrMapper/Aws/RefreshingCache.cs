namespace AttrMapper.Aws;

/// <summary>
/// A value fetched from upstream and kept until its refresh time: one fetch in flight at a time (concurrent callers share it),
/// the last good value kept when a refresh fails or is rejected, and never a cached failure.
/// </summary>
internal sealed class RefreshingCache<T>
    where T : class
{
    private readonly Func<CancellationToken, Task<CacheFill<T>>> _fetch;
    private readonly TimeProvider _time;
    private readonly TimeSpan _fetchTimeout;
    private readonly TimeSpan _retryAfterFailure;
    private readonly Lock _gate = new();
    private volatile Entry? _entry;
    private Task<Entry?>? _inFlight;

    /// <param name="fetch">One upstream fetch; throws on failure.</param>
    /// <param name="time">The clock.</param>
    /// <param name="fetchTimeout">Bound on one fetch (it is shared, so no single caller's token cancels it).</param>
    /// <param name="retryAfterFailure">With a last-known-good value, how long to keep it before trying again after a failed or rejected fetch.</param>
    /// <param name="stats">Counters; a fresh object if null.</param>
    public RefreshingCache(
        Func<CancellationToken, Task<CacheFill<T>>> fetch,
        TimeProvider time,
        TimeSpan fetchTimeout,
        TimeSpan retryAfterFailure,
        CacheStats? stats = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(fetchTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfterFailure, TimeSpan.Zero);
        _fetch = fetch;
        _time = time;
        _fetchTimeout = fetchTimeout;
        _retryAfterFailure = retryAfterFailure;
        Stats = stats ?? new CacheStats();
    }

    public CacheStats Stats { get; }

    /// <summary>
    /// The cached value while fresh; else waits for the (shared) refresh. Null only when no usable value was ever loaded and the
    /// fetch fails. When <paramref name="ct"/> ends the wait, a usable stale value is returned instead, else it throws.
    /// </summary>
    public async ValueTask<T?> GetAsync(CancellationToken ct)
    {
        var entry = _entry;
        var now = _time.GetUtcNow();
        if (entry is not null && now < entry.RefreshAt && (entry.UsableUntil is null || now < entry.UsableUntil))
        {
            return entry.Value;
        }

        var flight = JoinOrStart();
        try
        {
            var fresh = await flight.WaitAsync(ct).ConfigureAwait(false);
            return Usable(fresh, _time.GetUtcNow());
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            var stale = Usable(_entry, _time.GetUtcNow());
            if (stale is not null)
            {
                return stale;
            }

            throw;
        }
    }

    private static T? Usable(Entry? entry, DateTimeOffset now) =>
        entry is not null && (entry.UsableUntil is null || now < entry.UsableUntil) ? entry.Value : null;

    private Task<Entry?> JoinOrStart()
    {
        lock (_gate)
        {
            return _inFlight ??= Task.Run(RefreshAsync);
        }
    }

    private async Task<Entry?> RefreshAsync()
    {
        try
        {
            Stats.Fetched();
            CacheFill<T> fill;
            using (var timeout = new CancellationTokenSource(_fetchTimeout, _time))
            {
                fill = await _fetch(timeout.Token).ConfigureAwait(false);
            }

            if (fill.Value is null)
            {
                Stats.Rejected();
                return KeepLastKnownGood();
            }

            var fresh = new Entry(fill.Value, fill.RefreshAt, fill.UsableUntil);
            _entry = fresh;
            Stats.Loaded();
            return fresh;
        }
#pragma warning disable CA1031 // any failure of the fetch means "keep what we have"; the counters record it
        catch (Exception e)
#pragma warning restore CA1031
        {
            Stats.Failed(e);
            return KeepLastKnownGood();
        }
        finally
        {
            lock (_gate)
            {
                _inFlight = null;
            }
        }
    }

    private Entry? KeepLastKnownGood()
    {
        var old = _entry;
        if (old is null)
        {
            return null;
        }

        // Keep serving it, and do not ask upstream again on every call while it is down.
        var kept = old with { RefreshAt = _time.GetUtcNow() + _retryAfterFailure };
        _entry = kept;
        return kept;
    }

    private sealed record Entry(T Value, DateTimeOffset RefreshAt, DateTimeOffset? UsableUntil);
}
