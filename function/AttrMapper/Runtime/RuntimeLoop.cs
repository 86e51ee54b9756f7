using System.Net;
using System.Text;
using AttrMapper.Logging;
using AttrMapper.Migration;

namespace AttrMapper.Runtime;

/// <summary>Fetches events one at a time and posts exactly one answer for each, whatever the event or the handler does.</summary>
internal sealed class RuntimeLoop(RuntimeApiClient runtime, IInvocationHandler handler, InvocationLog log, TimeProvider clock)
{
    public const string FaultErrorType = "MigrationUnavailable";

    /// <summary>The only error body that ever leaves the function: constant, so no upstream text or user data can.</summary>
    public static readonly byte[] FaultBody =
        Encoding.UTF8.GetBytes("""{"errorType":"MigrationUnavailable","errorMessage":"User migration is temporarily unavailable."}""");

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
                    log.WriteEvent("ERROR", "runtime_api_unreachable");
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

        HandledInvocation handled;
        var started = clock.GetTimestamp();
        try
        {
            handled = await handler.HandleAsync(invocation, ct).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The handler is built not to throw; if it does, the event still gets its one answer.
            handled = new HandledInvocation(null, new InvocationRecord(
                invocation.RequestId, null, OutcomeKind.Fault, Reasons.Internal, clock.GetElapsedTime(started), 0, null, null));
        }

        try
        {
            if (handled.Response is { } body)
            {
                await runtime.RespondAsync(invocation.RequestId, body, ct).ConfigureAwait(false);
            }
            else
            {
                await runtime.ErrorAsync(invocation.RequestId, FaultErrorType, FaultBody, ct).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException error) when (error.StatusCode == HttpStatusCode.RequestEntityTooLarge && handled.Response is not null)
        {
            // An answer Lambda will not take: the event still gets exactly one terminal answer.
            await TryAsync(() => runtime.ErrorAsync(invocation.RequestId, FaultErrorType, FaultBody, ct)).ConfigureAwait(false);
            handled = handled with { Response = null, Record = handled.Record with { Outcome = OutcomeKind.Fault, Reason = "response_too_large" } };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: whatever was posted stands.
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The Runtime API went away mid-invocation; the next /next call decides whether the container lives on.
            log.WriteEvent("ERROR", "answer_not_delivered");
        }

        log.Write(handled.Record);
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
