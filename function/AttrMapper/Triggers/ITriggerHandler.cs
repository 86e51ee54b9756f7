namespace AttrMapper.Triggers;

/// <summary>
/// Answers the events of one trigger (or family of triggers) after the dispatch has read the event and chosen it by
/// <c>triggerSource</c>. <paramref name="scope"/> carries the deadline and what the log line reports.
/// </summary>
internal interface ITriggerHandler
{
    Task<TriggerAnswer> HandleAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct);
}
