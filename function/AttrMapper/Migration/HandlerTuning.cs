namespace AttrMapper.Migration;

/// <summary>The handler's timing knobs that are not operator settings; tests shrink them.</summary>
internal sealed record HandlerTuning
{
    /// <summary>Lambda's own deadline minus this is the latest moment an answer may still be posted.</summary>
    public TimeSpan LambdaDeadlineMargin { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>A retry is only tried with at least this much time left before the deadline.</summary>
    public TimeSpan MinimumRetryBudget { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Pause before the single retry of a throttled call, so it does not land in the same burst.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);
}
