using System.Text;
using AttrMapper.LambdaHost.Invocations;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.LambdaHost.Tests.Invocations;

/// <summary>The sandbox's state machine alone: no process, no socket, a fake clock.</summary>
public sealed class SandboxTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeChild _child = new();
    private readonly InvocationLog _log = new(10);
    private readonly Sandbox _sandbox;

    public SandboxTests()
    {
        var options = new LambdaHostOptions { BootstrapPath = "/unused", Timeout = TimeSpan.FromSeconds(5), TimeProvider = _time };
        _sandbox = new Sandbox(options, _log) { Child = _child };
        _sandbox.OnChildStarting(1);
    }

    [Fact]
    public async Task InvokeAsync_RuntimeAnswers_ReturnsTheResponseAndNotesTheChildHealthy()
    {
        var invoke = _sandbox.InvokeAsync("{}"u8.ToArray(), null);
        var invocation = await _sandbox.NextAsync(CancellationToken.None).WaitAsync(Generous);

        invocation.Deadline.ShouldBe(_time.GetUtcNow() + TimeSpan.FromSeconds(5));
        _sandbox.CompleteFromRuntime(invocation.RequestId, Success(invocation.RequestId, "{\"ok\":true}"))
            .ShouldBe(RuntimePostStatus.Accepted);
        var result = await invoke.WaitAsync(Generous);

        result.Outcome.ShouldBe(InvocationOutcome.Success);
        Encoding.UTF8.GetString(result.Payload.Span).ShouldBe("{\"ok\":true}");
        _child.Healthy.ShouldBe(1);
        _log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_NoAnswerBeforeTheTimeout_AnswersTimeoutAndKillsThatChild()
    {
        var invoke = _sandbox.InvokeAsync("{}"u8.ToArray(), null);
        var invocation = await _sandbox.NextAsync(CancellationToken.None).WaitAsync(Generous);

        _time.Advance(TimeSpan.FromSeconds(5));
        var result = await invoke.WaitAsync(Generous);

        result.Outcome.ShouldBe(InvocationOutcome.Timeout);
        result.ErrorType.ShouldBe("Sandbox.Timedout");
        _child.Kills.ShouldBe([(1, KillReason.Timeout)]);
        _sandbox.CompleteFromRuntime(invocation.RequestId, Success(invocation.RequestId, "{}"))
            .ShouldBe(RuntimePostStatus.UnknownRequestId);
    }

    [Fact]
    public async Task InvokeAsync_RuntimeTakesItAfterASlowStart_TheTimeoutStartsAtTheHandOver()
    {
        var invoke = _sandbox.InvokeAsync("{}"u8.ToArray(), null);

        // A child restarting on a loaded machine: longer than the function timeout, within the init limit.
        _time.Advance(TimeSpan.FromSeconds(8));
        var invocation = await _sandbox.NextAsync(CancellationToken.None).WaitAsync(Generous);
        invocation.Deadline.ShouldBe(_time.GetUtcNow() + TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(4));
        _sandbox.CompleteFromRuntime(invocation.RequestId, Success(invocation.RequestId, "{}")).ShouldBe(RuntimePostStatus.Accepted);

        (await invoke.WaitAsync(Generous)).Outcome.ShouldBe(InvocationOutcome.Success);
        _child.Kills.ShouldBeEmpty();
    }

    [Fact]
    public async Task InvokeAsync_NoRuntimeTakesItWithinTheInitLimit_AnswersTimeoutAndKillsTheStartingChild()
    {
        var invoke = _sandbox.InvokeAsync("{}"u8.ToArray(), null);

        _time.Advance(TimeSpan.FromSeconds(10));
        var result = await invoke.WaitAsync(Generous);

        result.Outcome.ShouldBe(InvocationOutcome.Timeout);
        result.ErrorType.ShouldBe("Sandbox.Timedout");
        _child.Kills.ShouldBe([(1, KillReason.Timeout)]);
    }

    [Fact]
    public async Task CompleteFromRuntime_SecondAnswer_IsRejected()
    {
        var invoke = _sandbox.InvokeAsync("{}"u8.ToArray(), null);
        var invocation = await _sandbox.NextAsync(CancellationToken.None).WaitAsync(Generous);
        _sandbox.CompleteFromRuntime(invocation.RequestId, Success(invocation.RequestId, "{}")).ShouldBe(RuntimePostStatus.Accepted);

        var second = _sandbox.CompleteFromRuntime(invocation.RequestId, Success(invocation.RequestId, "{}"));

        second.ShouldBeOneOf(RuntimePostStatus.InvalidStateTransition, RuntimePostStatus.UnknownRequestId);
        await invoke.WaitAsync(Generous);
    }

    [Fact]
    public async Task ReportInitError_NoInvocationWaiting_TheNextInvocationGetsIt()
    {
        var posted = """{"errorType":"Runtime.Config","errorMessage":"OLD_USER_POOL_ID is missing"}"""u8.ToArray();

        _sandbox.ReportInitError(posted, null).Status.ShouldBe(RuntimePostStatus.Accepted);
        var result = await _sandbox.InvokeAsync("{}"u8.ToArray(), null).WaitAsync(Generous);

        result.Outcome.ShouldBe(InvocationOutcome.InitError);
        result.ErrorType.ShouldBe("Runtime.Config");
        result.Payload.ToArray().ShouldBe(posted);
    }

    [Fact]
    public async Task ReportInitError_AfterTheFirstNext_IsRejected()
    {
        using var cancel = new CancellationTokenSource();
        var next = _sandbox.NextAsync(cancel.Token);

        _sandbox.ReportInitError("{}"u8.ToArray(), null).Status.ShouldBe(RuntimePostStatus.InvalidStateTransition);

        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(next);
    }

    [Fact]
    public async Task OnChildExited_DuringAnInvocation_AnswersExitError()
    {
        var invoke = _sandbox.InvokeAsync("{}"u8.ToArray(), null);
        var invocation = await _sandbox.NextAsync(CancellationToken.None).WaitAsync(Generous);

        _sandbox.OnChildExited(1, KillReason.None, 2);
        var result = await invoke.WaitAsync(Generous);

        result.Outcome.ShouldBe(InvocationOutcome.RuntimeExit);
        Encoding.UTF8.GetString(result.Payload.Span)
            .ShouldContain($"RequestId: {invocation.RequestId} Error: Runtime exited with error: exit status 2");
    }

    [Fact]
    public async Task OnChildExited_TimeoutKillBeforeTheNextInvocationIsTaken_LeavesItForTheNextChild()
    {
        var invoke = _sandbox.InvokeAsync("{}"u8.ToArray(), null);

        _sandbox.OnChildExited(1, KillReason.Timeout, 137);
        _sandbox.OnChildStarting(2);
        var invocation = await _sandbox.NextAsync(CancellationToken.None).WaitAsync(Generous);
        _sandbox.CompleteFromRuntime(invocation.RequestId, Success(invocation.RequestId, "{}"));

        (await invoke.WaitAsync(Generous)).Outcome.ShouldBe(InvocationOutcome.Success);
    }

    [Fact]
    public async Task MarkUnavailable_AfterAnExit_AnswersEveryInvocationWithThatExit()
    {
        _sandbox.OnChildExited(1, KillReason.None, 5);

        _sandbox.MarkUnavailable();
        var result = await _sandbox.InvokeAsync("{}"u8.ToArray(), null).WaitAsync(Generous);

        result.Outcome.ShouldBe(InvocationOutcome.Unavailable);
        result.ErrorType.ShouldBe("Runtime.ExitError");
        Encoding.UTF8.GetString(result.Payload.Span).ShouldContain("exit status 5");
        (await _sandbox.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(Generous)).ShouldBeFalse();
    }

    [Fact]
    public async Task Stop_InvocationWaiting_AnswersHostStopped()
    {
        var invoke = _sandbox.InvokeAsync("{}"u8.ToArray(), null);
        await _sandbox.NextAsync(CancellationToken.None).WaitAsync(Generous);

        _sandbox.Stop();

        (await invoke.WaitAsync(Generous)).Outcome.ShouldBe(InvocationOutcome.HostStopped);
    }

    private static InvocationResult Success(string requestId, string json) =>
        new(requestId, InvocationOutcome.Success, Encoding.UTF8.GetBytes(json), null);

    private sealed class FakeChild : IChildControl
    {
        private int _healthy;

        public List<(int Generation, KillReason Reason)> Kills { get; } = [];

        public int Healthy => Volatile.Read(ref _healthy);

        public void Kill(int generation, KillReason reason)
        {
            lock (Kills)
            {
                Kills.Add((generation, reason));
            }
        }

        public void NoteHealthy() => Interlocked.Increment(ref _healthy);
    }
}
