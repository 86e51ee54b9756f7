namespace AttrMapper.Triggers;

/// <summary>One event as the dispatch takes it: its id, body, when it arrived, and Lambda's own deadline if it gave one.</summary>
internal sealed record TriggerInvocation(string RequestId, byte[] Body, DateTimeOffset Received, DateTimeOffset? LambdaDeadline);
