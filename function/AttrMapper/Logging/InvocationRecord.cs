using AttrMapper.Migration;

namespace AttrMapper.Logging;

/// <summary>What one invocation's log line says. <see cref="UserName"/> is hashed or dropped before it is written.</summary>
internal sealed record InvocationRecord(
    string RequestId,
    string? TriggerSource,
    OutcomeKind Outcome,
    string Reason,
    TimeSpan Duration,
    int UpstreamCalls,
    long? MapVersion,
    string? UserName);
