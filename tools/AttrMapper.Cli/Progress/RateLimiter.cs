namespace AttrMapper.Cli.Progress;

/// <summary>
/// Spaces calls evenly at most <c>perSecond</c> a second, on a <see cref="TimeProvider"/> so tests drive it with a fake clock.
/// Even spacing (not a burst bucket) because Cognito counts its request-rate quota per second across the whole account.
/// </summary>
internal sealed class RateLimiter
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public RateLimiter(int perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        _time = time;
        _interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / perSecond);
    }

    public TimeSpan Interval => _interval;

    /// <summary>Completes when the next call may go out; the first one goes at once.</summary>
    public Task WaitAsync(CancellationToken ct)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var slot = _next > now ? _next : now;
            _next = slot + _interval;
            wait = slot - now;
        }

        // Timers count whole milliseconds: round up so that the rate is never exceeded by truncation.
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), _time, ct);
    }

    /// <summary>Nothing goes out before <paramref name="delay"/> from now (a backoff after throttling pushes every later call back).</summary>
    public void PushBack(TimeSpan delay)
    {
        lock (_gate)
        {
            var until = _time.GetUtcNow() + delay;
            if (until > _next)
            {
                _next = until;
            }
        }
    }
}
