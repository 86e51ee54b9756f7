namespace AttrMapper.LambdaHost;

/// <summary>What the host remembers about one finished invocation.</summary>
/// <param name="Duration">From the moment the invocation was handed to the sandbox to its answer; queueing excluded.</param>
/// <param name="QueueWait">How long it waited behind other invocations before that.</param>
/// <param name="ErrorType">The <c>errorType</c> of a failed invocation, when known.</param>
public sealed record InvocationRecord(
    string RequestId,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    TimeSpan QueueWait,
    InvocationOutcome Outcome,
    string? ErrorType);
