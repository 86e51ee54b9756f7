namespace AttrMapper.Migration;

/// <summary>The handler's timing knobs that are not operator settings; tests shrink them.</summary>
internal sealed record HandlerTuning
{
    /// <summary>A retry is only tried with at least this much time left before the deadline.</summary>
    public TimeSpan MinimumRetryBudget { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Pause before the single retry of a throttled call, so it does not land in the same burst.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);
}
