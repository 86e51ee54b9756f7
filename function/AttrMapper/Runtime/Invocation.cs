namespace AttrMapper.Runtime;

/// <summary>One event handed out by <c>/next</c>: its id, body, and the moments that bound its answer.</summary>
internal sealed record Invocation(string RequestId, byte[] Body, DateTimeOffset Received, DateTimeOffset? LambdaDeadline, string? TraceId);
