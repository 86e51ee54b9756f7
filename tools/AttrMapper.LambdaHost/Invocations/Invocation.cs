namespace AttrMapper.LambdaHost.Invocations;

/// <summary>One invocation in flight: handed to the runtime by <c>/next</c>, finished exactly once.</summary>
internal sealed class Invocation(string requestId, byte[] payload, string? clientContext, DateTimeOffset deadline)
{
    private readonly TaskCompletionSource<InvocationResult> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string RequestId { get; } = requestId;

    public byte[] Payload { get; } = payload;

    public string? ClientContext { get; } = clientContext;

    public DateTimeOffset Deadline { get; } = deadline;

    /// <summary>Set once <c>/next</c> has returned it to the runtime; guarded by the sandbox's lock.</summary>
    public bool Dispatched { get; set; }

    /// <summary>The child generation it was dispatched to; guarded by the sandbox's lock.</summary>
    public int Generation { get; set; }

    public Task<InvocationResult> Completion => _completion.Task;

    public bool IsCompleted => _completion.Task.IsCompleted;

    /// <summary>First answer wins: a response racing the timeout is either the answer or rejected.</summary>
    public bool TryComplete(InvocationResult result) => _completion.TrySetResult(result);
}
