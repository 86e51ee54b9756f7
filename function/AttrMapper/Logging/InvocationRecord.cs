namespace AttrMapper.Logging;

/// <summary>
/// What one invocation's log line says. <see cref="UserName"/> is hashed or dropped before it is written;
/// <see cref="TriggerSource"/> is already a bounded name (the dispatch's: a routed source, or "other"), null when the event had none.
/// </summary>
internal sealed record InvocationRecord(
    string RequestId,
    string? TriggerSource,
    OutcomeKind Outcome,
    string Reason,
    TimeSpan Duration,
    int UpstreamCalls,
    long? MapVersion,
    string? UserName,
    GroupCounters? Groups = null);
