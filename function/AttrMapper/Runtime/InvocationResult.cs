namespace AttrMapper.Runtime;

/// <summary>
/// One event's answer: the bytes to post (null posts the loop's constant fault), and whom the loop tells, exactly once
/// and after the post, how the answer went.
/// </summary>
internal sealed record InvocationResult(byte[]? Response, Action<AnswerDelivery> Completed);
