using AttrMapper.Logging;

namespace AttrMapper.Triggers;

/// <summary>Per-invocation bookkeeping: the deadline and what the log line reports.</summary>
internal sealed class InvocationScope(TimeProvider clock, DateTimeOffset deadline)
{
    public DateTimeOffset Deadline { get; } = deadline;

    private int upstreamCalls;

    public int UpstreamCalls
    {
        get => Volatile.Read(ref upstreamCalls);
        set => Volatile.Write(ref upstreamCalls, value);
    }

    /// <summary>What the group triggers (and a migration carrying a marker) report as metrics.</summary>
    public GroupCounters Groups { get; } = new();

    /// <summary>Counts one upstream call; safe from calls running concurrently.</summary>
    public void CountCall() => Interlocked.Increment(ref upstreamCalls);

    public long? MapVersion { get; set; }

    public TimeSpan Remaining => Deadline - clock.GetUtcNow();
}
