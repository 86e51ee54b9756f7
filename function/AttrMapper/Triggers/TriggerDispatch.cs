using AttrMapper.Logging;

namespace AttrMapper.Triggers;

/// <summary>
/// The one place that decides which handler answers: reads the event once, picks the first route whose pattern matches
/// its <c>triggerSource</c>, and rejects every other source without an upstream call (DESIGN.md §5). A new trigger is one
/// more <see cref="TriggerRoute"/> where the function is composed.
/// </summary>
/// <param name="deadline">MIGRATION_DEADLINE_MS: the latest answer, counted from when the event arrived.</param>
/// <param name="lambdaDeadlineMargin">Lambda's own deadline minus this bounds the answer too; tests shrink it.</param>
internal sealed class TriggerDispatch(IReadOnlyList<TriggerRoute> routes, TimeSpan deadline, TimeProvider clock, TimeSpan? lambdaDeadlineMargin = null)
{
    /// <summary>The log's TriggerSource for an event no route takes: dimensions need a bounded set of values.</summary>
    public const string OtherSource = "other";

    private static readonly TimeSpan DefaultLambdaDeadlineMargin = TimeSpan.FromMilliseconds(150);

    private readonly TimeSpan margin = lambdaDeadlineMargin ?? DefaultLambdaDeadlineMargin;

    public async Task<HandledInvocation> HandleAsync(TriggerInvocation invocation, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var scope = new InvocationScope(clock, DeadlineOf(invocation));
        using var trigger = TriggerEvent.TryRead(invocation.Body);
        string? loggedSource = null;
        TriggerAnswer answer;
        if (trigger is null)
        {
            answer = new TriggerAnswer(OutcomeKind.Fault, TriggerReasons.MalformedEvent, null);
        }
        else if (RouteFor(trigger.TriggerSource) is { } route)
        {
            loggedSource = route.Pattern;
            answer = await route.Handler.HandleAsync(trigger, scope, ct).ConfigureAwait(false);
        }
        else
        {
            loggedSource = OtherSource;
            answer = new TriggerAnswer(OutcomeKind.Rejected, TriggerReasons.UnknownTrigger, ResponseWriter.Reject(trigger));
        }

        return new HandledInvocation(answer.Response, new InvocationRecord(
            invocation.RequestId,
            loggedSource,
            answer.Outcome,
            answer.Reason,
            clock.GetElapsedTime(started),
            scope.UpstreamCalls,
            scope.MapVersion,
            trigger?.UserName,
            scope.Groups));
    }

    /// <summary>What is logged for an event whose handling threw: a fault, and nothing from the exception.</summary>
    public static HandledInvocation Crashed(string requestId, TimeSpan elapsed) =>
        new(null, new InvocationRecord(requestId, null, OutcomeKind.Fault, TriggerReasons.Internal, elapsed, 0, null, null));

    private TriggerRoute? RouteFor(string triggerSource)
    {
        foreach (var route in routes)
        {
            if (route.Matches(triggerSource))
            {
                return route;
            }
        }

        return null;
    }

    private DateTimeOffset DeadlineOf(TriggerInvocation invocation)
    {
        var ours = invocation.Received + deadline;
        return invocation.LambdaDeadline is { } lambda && lambda - margin < ours
            ? lambda - margin
            : ours;
    }
}
