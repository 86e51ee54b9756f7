namespace AttrMapper.LambdaHost;

/// <summary>The answer to one invocation: the function's response, or the error body Lambda would return.</summary>
public sealed record InvocationResult(string RequestId, InvocationOutcome Outcome, ReadOnlyMemory<byte> Payload, string? ErrorType)
{
    /// <summary>Whether the Invoke API marks it with <c>X-Amz-Function-Error: Unhandled</c>.</summary>
    public bool IsFunctionError => Outcome != InvocationOutcome.Success;
}
