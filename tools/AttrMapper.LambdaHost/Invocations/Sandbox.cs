namespace AttrMapper.LambdaHost.Invocations;

/// <summary>
/// One execution environment: invocations go in one at a time, the runtime takes them with <c>/next</c> and answers each
/// once; timeouts, child exits and init errors turn into the error Lambda would give the caller.
/// </summary>
internal sealed class Sandbox(LambdaHostOptions options, InvocationLog log)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time = options.TimeProvider;

    // Everything below is guarded by _lock.
    private Invocation? _current;
    private TaskCompletionSource<Invocation>? _waitingNext;
    private TaskCompletionSource<bool> _ready = NewReady();
    private int _generation;
    private bool _initPhase = true;
    private int _initErrorGeneration = -1;
    private ChildFailure? _pendingInitFailure;
    private ChildFailure? _lastFailure;
    private bool _unavailable;
    private bool _stopped;

    public IChildControl? Child { get; set; }

    public bool IsUnavailable
    {
        get
        {
            lock (_lock)
            {
                return _unavailable;
            }
        }
    }

    /// <summary>Runs one invocation: waits its turn, hands it to the runtime, waits for its answer or its timeout.</summary>
    /// <param name="queueCancellation">Gives up the place in the queue; once handed over the invocation runs to the end, as on Lambda.</param>
    public async Task<InvocationResult> InvokeAsync(
        byte[] payload, string? clientContext, string? requestId = null, CancellationToken queueCancellation = default)
    {
        var queuedAt = _time.GetTimestamp();
        await _gate.WaitAsync(queueCancellation).ConfigureAwait(false);
        try
        {
            var startedAt = _time.GetUtcNow();
            var started = _time.GetTimestamp();
            var invocation = new Invocation(requestId ?? Guid.NewGuid().ToString(), payload, clientContext);
            var result = Assign(invocation) ?? await AwaitAnswerAsync(invocation).ConfigureAwait(false);
            log.Add(new InvocationRecord(
                invocation.RequestId,
                startedAt,
                _time.GetElapsedTime(started),
                _time.GetElapsedTime(queuedAt, started),
                result.Outcome,
                result.ErrorType));
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The runtime's <c>GET /next</c>: the assigned invocation, or the next one to be assigned.</summary>
    public async Task<Invocation> NextAsync(CancellationToken ct)
    {
        TaskCompletionSource<Invocation> waiter;
        lock (_lock)
        {
            if (_stopped)
            {
                throw new OperationCanceledException("The sandbox is stopped.");
            }

            _initPhase = false;
            _ready.TrySetResult(true);

            // A runtime that got through init makes an earlier child's init error stale.
            _pendingInitFailure = null;
            if (_current is { Dispatched: false, IsCompleted: false } current)
            {
                Dispatch(current);
                return current;
            }

            // A runtime asks for one invocation at a time; an older waiter belongs to a runtime that is gone.
            _waitingNext?.TrySetCanceled(CancellationToken.None);
            waiter = _waitingNext = new TaskCompletionSource<Invocation>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        using (ct.Register(() =>
        {
            lock (_lock)
            {
                if (ReferenceEquals(_waitingNext, waiter))
                {
                    _waitingNext = null;
                }
            }

            waiter.TrySetCanceled(ct);
        }))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    /// <summary>The runtime's <c>/response</c> or <c>/error</c> for an invocation it was given.</summary>
    public RuntimePostStatus CompleteFromRuntime(string requestId, InvocationResult result)
    {
        lock (_lock)
        {
            if (_current is not { } current || current.RequestId != requestId)
            {
                return RuntimePostStatus.UnknownRequestId;
            }

            if (!current.Dispatched || !current.TryComplete(result))
            {
                return RuntimePostStatus.InvalidStateTransition;
            }
        }

        Child?.NoteHealthy();
        return RuntimePostStatus.Accepted;
    }

    /// <summary>The runtime's <c>/init/error</c>; on acceptance, returns the generation to discard once answered.</summary>
    public (RuntimePostStatus Status, int Generation) ReportInitError(byte[] posted, string? headerErrorType)
    {
        lock (_lock)
        {
            if (!_initPhase || _stopped)
            {
                return (RuntimePostStatus.InvalidStateTransition, _generation);
            }

            _initPhase = false;
            _initErrorGeneration = _generation;
            var (body, errorType) = LambdaErrors.FromRuntimeError(posted, headerErrorType);
            var failure = new ChildFailure(ChildFailureKind.InitError, string.Empty, body, errorType);
            _lastFailure = failure;

            // The invocation that waits for this init gets the error; with none waiting, the next one will.
            if (_current is not { Dispatched: false } current
                || !current.TryComplete(LambdaErrors.RuntimeExit(current.RequestId, failure)))
            {
                _pendingInitFailure = failure;
            }

            return (RuntimePostStatus.Accepted, _generation);
        }
    }

    public Task<bool> WaitUntilReadyAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            return _ready.Task.WaitAsync(ct);
        }
    }

    public void OnChildStarting(int generation)
    {
        lock (_lock)
        {
            _generation = generation;
            _initPhase = true;
            if (_ready.Task.IsCompleted)
            {
                _ready = NewReady();
            }
        }
    }

    public void OnChildStartFailed(int generation, string detail)
    {
        lock (_lock)
        {
            FailCurrent(generation, new ChildFailure(ChildFailureKind.StartFailed, detail, [], "Runtime.InvalidEntrypoint"), true);
        }
    }

    public void OnChildExited(int generation, KillReason reason, int exitCode)
    {
        lock (_lock)
        {
            _waitingNext?.TrySetCanceled(CancellationToken.None);
            _waitingNext = null;
            if (reason is KillReason.Stop)
            {
                return;
            }

            if (_initErrorGeneration == generation && _lastFailure is { Kind: ChildFailureKind.InitError } initFailure)
            {
                FailCurrent(generation, initFailure, failUndispatched: false);
                return;
            }

            var detail = exitCode == 0
                ? "Runtime exited without providing a reason"
                : $"Runtime exited with error: exit status {exitCode}";
            var failure = new ChildFailure(ChildFailureKind.Exited, detail, [], "Runtime.ExitError");

            // A timeout kill is not the runtime's failure, and an invocation assigned after it waits for the next child.
            FailCurrent(generation, failure, failUndispatched: reason is not KillReason.Timeout);
        }
    }

    /// <summary>Restarts are exhausted: every invocation from now on gets the last failure.</summary>
    public void MarkUnavailable()
    {
        lock (_lock)
        {
            _unavailable = true;
            _ready.TrySetResult(false);
            if (_current is { IsCompleted: false } current)
            {
                current.TryComplete(Unavailable(current.RequestId));
            }
        }
    }

    public void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
            _ready.TrySetResult(false);
            _waitingNext?.TrySetCanceled(CancellationToken.None);
            _waitingNext = null;
            _current?.TryComplete(LambdaErrors.HostStopped(_current.RequestId));
        }
    }

    private InvocationResult? Assign(Invocation invocation)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return LambdaErrors.HostStopped(invocation.RequestId);
            }

            if (_pendingInitFailure is { } initFailure)
            {
                _pendingInitFailure = null;
                return LambdaErrors.RuntimeExit(invocation.RequestId, initFailure);
            }

            if (_unavailable)
            {
                return Unavailable(invocation.RequestId);
            }

            _current = invocation;
            if (_waitingNext is { } waiter)
            {
                _waitingNext = null;

                // Dispatched before the waiter resumes: the Runtime API reads the deadline for its headers.
                Dispatch(invocation);
                if (waiter.TrySetResult(invocation))
                {
                    return null;
                }

                invocation.Dispatched = false;
            }

            // No runtime has asked for it yet (a child is starting, perhaps after a timeout kill): that wait is the Init
            // phase, bounded by the init limit; the function timeout starts when /next hands it over.
            invocation.StartClock(_time, options.InitTimeout, OnClockExpired);
            return null;
        }
    }

    private async Task<InvocationResult> AwaitAnswerAsync(Invocation invocation)
    {
        try
        {
            return await invocation.Completion.ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                invocation.StopClock();
                if (ReferenceEquals(_current, invocation))
                {
                    _current = null;
                }
            }
        }
    }

    /// <summary>Its function timeout, or the init limit before a runtime took it, ran out: it times out and that child goes.</summary>
    private void OnClockExpired(Invocation invocation)
    {
        int generation;
        lock (_lock)
        {
            // Under the lock, so a runtime's answer racing the timeout is either the answer or rejected.
            if (!invocation.TryComplete(LambdaErrors.Timeout(invocation.RequestId, options.Timeout)))
            {
                return;
            }

            generation = invocation.Dispatched ? invocation.Generation : _generation;
        }

        Child?.Kill(generation, KillReason.Timeout);
    }

    /// <summary>Hands it to the current child: the Invoke phase, and its function timeout, start now.</summary>
    private void Dispatch(Invocation invocation)
    {
        invocation.Dispatched = true;
        invocation.Generation = _generation;
        invocation.Deadline = _time.GetUtcNow() + options.Timeout;
        invocation.StartClock(_time, options.Timeout, OnClockExpired);
    }

    private void FailCurrent(int generation, ChildFailure failure, bool failUndispatched)
    {
        if (failure.Kind != ChildFailureKind.InitError)
        {
            _lastFailure = failure;
        }

        if (_current is not { IsCompleted: false } current)
        {
            return;
        }

        if ((current.Dispatched && current.Generation == generation) || (!current.Dispatched && failUndispatched))
        {
            current.TryComplete(LambdaErrors.RuntimeExit(current.RequestId, failure));
        }
    }

    private InvocationResult Unavailable(string requestId)
    {
        var failure = _lastFailure ?? new ChildFailure(ChildFailureKind.Exited, "Runtime exited without providing a reason", [], "Runtime.ExitError");
        return LambdaErrors.RuntimeExit(requestId, failure) with { Outcome = InvocationOutcome.Unavailable };
    }

    private static TaskCompletionSource<bool> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
