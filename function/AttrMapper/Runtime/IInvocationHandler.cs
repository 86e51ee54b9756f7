namespace AttrMapper.Runtime;

/// <summary>What the runtime loop hands each event to: bytes and a request id in, the bytes to answer with out.</summary>
internal interface IInvocationHandler
{
    /// <summary>The answer to one event. Built not to throw; if it does, the loop asks <see cref="Crashed"/> instead.</summary>
    Task<InvocationResult> HandleAsync(Invocation invocation, CancellationToken ct);

    /// <summary>Stands in for an answer when <see cref="HandleAsync"/> threw; the exception is not passed on (its text may quote user data).</summary>
    InvocationResult Crashed(Invocation invocation, TimeSpan elapsed);

    /// <summary>A problem of the loop rather than of one event, as a fixed code (<see cref="RuntimeLoop.RuntimeApiUnreachable"/>...).</summary>
    void LoopFailed(string reason);
}
