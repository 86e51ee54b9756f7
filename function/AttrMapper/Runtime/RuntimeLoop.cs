using System.Net;

namespace AttrMapper.Runtime;

/// <summary>
/// Fetches events one at a time and posts exactly one answer for each, whatever the event or the handler does.
/// <paramref name="fault"/> is the only error that ever leaves for an event: constant, so no upstream text or user data can.
/// </summary>
internal sealed class RuntimeLoop(RuntimeApiClient runtime, IInvocationHandler handler, FunctionError fault, TimeProvider clock)
{
    /// <summary>Reported when <c>/next</c> kept failing and the process exits.</summary>
    public const string RuntimeApiUnreachable = "runtime_api_unreachable";

    /// <summary>Reported when an event's answer could not be posted.</summary>
    public const string AnswerNotDelivered = "answer_not_delivered";

    /// <summary>After this many failed <c>/next</c> calls in a row the process exits, and Lambda starts a fresh container.</summary>
    public const int MaxNextFailures = 5;

    private static readonly TimeSpan NextRetryDelay = TimeSpan.FromMilliseconds(100);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            Invocation invocation;
            try
            {
                invocation = await runtime.NextAsync(ct).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 0;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                if (++failures >= MaxNextFailures)
                {
                    handler.LoopFailed(RuntimeApiUnreachable);
                    return 1;
                }

                try
                {
                    await Task.Delay(NextRetryDelay * failures, clock, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return 0;
                }

                continue;
            }

            await InvokeOnceAsync(invocation, ct).ConfigureAwait(false);
        }

        return 0;
    }

    public async Task InvokeOnceAsync(Invocation invocation, CancellationToken ct)
    {
        if (invocation.TraceId is { } trace)
        {
            Environment.SetEnvironmentVariable(RuntimeApi.TraceIdVariable, trace);
        }

        InvocationResult result;
        var started = clock.GetTimestamp();
        try
        {
            result = await handler.HandleAsync(invocation, ct).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The handler is built not to throw; if it does, the event still gets its one answer.
            result = handler.Crashed(invocation, clock.GetElapsedTime(started));
        }

        var delivery = AnswerDelivery.Posted;
        try
        {
            if (result.Response is { } body)
            {
                await runtime.RespondAsync(invocation.RequestId, body, ct).ConfigureAwait(false);
            }
            else
            {
                await runtime.ErrorAsync(invocation.RequestId, fault.ErrorType, fault.Body, ct).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException error) when (error.StatusCode == HttpStatusCode.RequestEntityTooLarge && result.Response is not null)
        {
            // An answer Lambda will not take: the event still gets exactly one terminal answer.
            await TryAsync(() => runtime.ErrorAsync(invocation.RequestId, fault.ErrorType, fault.Body, ct)).ConfigureAwait(false);
            delivery = AnswerDelivery.TooLarge;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: whatever was posted stands.
            delivery = AnswerDelivery.Cancelled;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The Runtime API went away mid-invocation; the next /next call decides whether the container lives on.
            handler.LoopFailed(AnswerNotDelivered);
            delivery = AnswerDelivery.NotDelivered;
        }

        result.Completed(delivery);
    }

    private static async Task TryAsync(Func<Task> post)
    {
        try
        {
            await post().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Nothing more can be done for this event; the loop goes on.
        }
    }
}
