using AttrMapper.Logging;
using AttrMapper.Runtime;
using AttrMapper.Triggers;

namespace AttrMapper.Hosting;

/// <summary>
/// The runtime loop's handler for this function: hands each event's bytes to the trigger dispatch, and writes its one
/// log line once the loop says how the answer went. The only code that knows both the loop and the triggers.
/// </summary>
internal sealed class FunctionHandler(TriggerDispatch dispatch, InvocationLog log) : IInvocationHandler
{
    public async Task<InvocationResult> HandleAsync(Invocation invocation, CancellationToken ct)
    {
        var handled = await dispatch.HandleAsync(
            new TriggerInvocation(invocation.RequestId, invocation.Body, invocation.Received, invocation.LambdaDeadline), ct).ConfigureAwait(false);
        return Logged(handled);
    }

    public InvocationResult Crashed(Invocation invocation, TimeSpan elapsed) => Logged(TriggerDispatch.Crashed(invocation.RequestId, elapsed));

    public void LoopFailed(string reason) => log.WriteEvent("ERROR", reason);

    private InvocationResult Logged(HandledInvocation handled) => new(handled.Response, delivery => log.Write(
        delivery == AnswerDelivery.TooLarge
            ? handled.Record with { Outcome = OutcomeKind.Fault, Reason = TriggerReasons.ResponseTooLarge }
            : handled.Record));
}
