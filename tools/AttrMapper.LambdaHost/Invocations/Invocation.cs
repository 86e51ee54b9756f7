namespace AttrMapper.LambdaHost.Invocations;

/// <summary>One invocation in flight: handed to the runtime by <c>/next</c>, finished exactly once.</summary>
internal sealed class Invocation(string requestId, byte[] payload, string? clientContext)
{
    private readonly TaskCompletionSource<InvocationResult> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ITimer? _clock;

    public string RequestId { get; } = requestId;

    public byte[] Payload { get; } = payload;

    public string? ClientContext { get; } = clientContext;

    /// <summary>When its function timeout runs out: the moment <c>/next</c> handed it over plus the timeout; guarded by the sandbox's lock.</summary>
    public DateTimeOffset Deadline { get; set; }

    /// <summary>Set once <c>/next</c> has returned it to the runtime; guarded by the sandbox's lock.</summary>
    public bool Dispatched { get; set; }

    /// <summary>The child generation it was dispatched to; guarded by the sandbox's lock.</summary>
    public int Generation { get; set; }

    public Task<InvocationResult> Completion => _completion.Task;

    public bool IsCompleted => _completion.Task.IsCompleted;

    /// <summary>First answer wins: a response racing the timeout is either the answer or rejected.</summary>
    public bool TryComplete(InvocationResult result) => _completion.TrySetResult(result);

    /// <summary>(Re)starts the one limit that runs for it now: the wait for a runtime, then its function timeout; guarded by the sandbox's lock.</summary>
    public void StartClock(TimeProvider time, TimeSpan limit, Action<Invocation> expired)
    {
        _clock?.Dispose();
        _clock = time.CreateTimer(static state => ((Action)state!)(), (Action)(() => expired(this)), limit, System.Threading.Timeout.InfiniteTimeSpan);
    }

    /// <summary>Guarded by the sandbox's lock.</summary>
    public void StopClock()
    {
        _clock?.Dispose();
        _clock = null;
    }
}
