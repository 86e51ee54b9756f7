namespace AttrMapper.Aws;

/// <summary>
/// A value fetched from upstream and kept until its refresh time, then served stale while one refresh runs behind it
/// (stale-while-revalidate, DESIGN.md §6): one fetch in flight at a time, each bounded by its own timeout, the last good
/// value kept when a refresh fails or is rejected, and never a cached failure. Only a caller with no usable value waits.
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

    /// <summary>The refresh running now, or a completed task: lets tests (and shutdown) wait for the one behind a stale answer.</summary>
    public Task Refreshing
    {
        get
        {
            lock (_gate)
            {
                return _inFlight ?? Task.CompletedTask;
            }
        }
    }

    /// <summary>
    /// A usable value at once: fresh, or stale while a refresh starts behind it. With no usable value (cold, or past
    /// <see cref="CacheFill{T}.UsableUntil"/>) it waits for the shared fetch; null when that fetch fails or is rejected.
    /// When <paramref name="ct"/> ends that wait it throws <see cref="OperationCanceledException"/>; the fetch goes on for
    /// the next caller, bounded by its own timeout.
    /// </summary>
    public async ValueTask<T?> GetAsync(CancellationToken ct)
    {
        if (Peek() is { } now)
        {
            return now;
        }

        var flight = JoinOrStart();
        try
        {
            var fresh = await flight.WaitAsync(ct).ConfigureAwait(false);
            return Usable(fresh, _time.GetUtcNow());
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Another caller's refresh may have landed meanwhile.
            return Usable(_entry, _time.GetUtcNow()) ?? throw new OperationCanceledException(ct);
        }
    }

    /// <summary>
    /// The usable value now, never waiting: null when there is none yet. Starts the (single) fetch behind it when the value
    /// is due for a refresh or missing, so a caller that only peeks (e.g. a log line wanting the key) still gets one loaded.
    /// </summary>
    public T? Peek()
    {
        var entry = _entry;
        var now = _time.GetUtcNow();
        var usable = Usable(entry, now);
        if (entry is null || now >= entry.RefreshAt || usable is null)
        {
            JoinOrStart();
        }

        return usable;
    }

    private static T? Usable(Entry? entry, DateTimeOffset now) =>
        entry is not null && (entry.UsableUntil is null || now < entry.UsableUntil) ? entry.Value : null;

    private Task<Entry?> JoinOrStart()
    {
        lock (_gate)
        {
            // Task.Run: the refresh never runs on (or is cancelled with) the caller that happened to start it.
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
                // WaitAsync bounds a fetch that ignores its token, too: a hang never outlives the timeout.
                fill = await _fetch(timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
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
