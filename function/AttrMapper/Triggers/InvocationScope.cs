namespace AttrMapper.Triggers;

/// <summary>Per-invocation bookkeeping: the deadline and what the log line reports.</summary>
internal sealed class InvocationScope(TimeProvider clock, DateTimeOffset deadline)
{
    public DateTimeOffset Deadline { get; } = deadline;

    public int UpstreamCalls { get; set; }

    public long? MapVersion { get; set; }

    public TimeSpan Remaining => Deadline - clock.GetUtcNow();
}
