using AttrMapper.Cognito;
using AttrMapper.Configuration;
using AttrMapper.Logging;
using AttrMapper.Mapping;
using AttrMapper.Parameters;
using AttrMapper.Runtime;

namespace AttrMapper.Migration;

/// <summary>Turns one User Migration event into migrate, reject or fault (DESIGN.md §5).</summary>
internal sealed class MigrationHandler(FunctionOptions options, IOldPool oldPool, IMapSource maps, TimeProvider clock, HandlerTuning tuning)
    : IInvocationHandler
{
    public async Task<HandledInvocation> HandleAsync(Invocation invocation, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var scope = new InvocationScope(clock, DeadlineOf(invocation));
        using var trigger = TriggerEvent.TryRead(invocation.Body);
        Outcome outcome;
        if (trigger is null)
        {
            outcome = Outcome.Fault(Reasons.MalformedEvent);
        }
        else
        {
            outcome = await DecideWithinDeadlineAsync(trigger, scope, ct).ConfigureAwait(false);
        }

        var response = outcome.Kind switch
        {
            OutcomeKind.Migrated => ResponseWriter.Migrate(trigger!, outcome.Answer!),
            OutcomeKind.Rejected => ResponseWriter.Reject(trigger!),
            _ => null,
        };
        return new HandledInvocation(response, new InvocationRecord(
            invocation.RequestId,
            trigger?.TriggerSource,
            outcome.Kind,
            outcome.Reason,
            clock.GetElapsedTime(started),
            scope.UpstreamCalls,
            scope.MapVersion,
            trigger?.UserName));
    }

    private DateTimeOffset DeadlineOf(Invocation invocation)
    {
        var ours = invocation.Received + options.MigrationDeadline;
        return invocation.LambdaDeadline is { } lambda && lambda - tuning.LambdaDeadlineMargin < ours
            ? lambda - tuning.LambdaDeadlineMargin
            : ours;
    }

    private async Task<Outcome> DecideWithinDeadlineAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct)
    {
        var remaining = scope.Remaining;
        if (remaining <= TimeSpan.Zero)
        {
            return Outcome.Fault(Reasons.Deadline);
        }

        using var deadline = new CancellationTokenSource(remaining, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            // WaitAsync answers at the deadline even if some upstream ignores cancellation.
            return await DecideAsync(trigger, scope, linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return Outcome.Fault(Reasons.Deadline);
        }
        catch (CognitoException error)
        {
            return Reasons.ForError(error);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return Outcome.Fault(Reasons.Internal);
        }
    }

    private Task<Outcome> DecideAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct)
    {
        if (trigger.TriggerSource is not (TriggerEvent.Authentication or TriggerEvent.ForgotPassword))
        {
            return Task.FromResult(Outcome.Reject(Reasons.UnknownTrigger));
        }

        if (options.NewUserPoolId is { } expected && !string.Equals(trigger.UserPoolId, expected, StringComparison.Ordinal))
        {
            return Task.FromResult(Outcome.Reject(Reasons.WrongPool));
        }

        return trigger.TriggerSource == TriggerEvent.Authentication
            ? SignInAsync(trigger, scope, ct)
            : ForgotPasswordAsync(trigger, scope, ct);
    }

    private async Task<Outcome> SignInAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(trigger.Password))
        {
            return Outcome.Reject(Reasons.EmptyPassword);
        }

        var password = trigger.Password;
        var username = trigger.UserName;

        // A cold container fetches the map while the old pool checks the password, not before.
        var mapTask = maps.GetAsync(ct).AsTask();
        AuthResult auth;
        try
        {
            auth = await CallAsync(scope, c => oldPool.AdminInitiateAuthAsync(username, password, c), ct).ConfigureAwait(false);
        }
        catch (CognitoException error) when (error.Kind == CognitoErrorKind.UserNotFound && AliasAttributeFor(username) is { } attribute)
        {
            var found = await LookUpAsync(scope, attribute, username, ct).ConfigureAwait(false);
            if (found is null)
            {
                return Outcome.Reject(Reasons.UserNotFound);
            }

            username = found.Username;
            auth = await CallAsync(scope, c => oldPool.AdminInitiateAuthAsync(username, password, c), ct).ConfigureAwait(false);
        }

        if (await LoadMapAsync(mapTask, scope, ct).ConfigureAwait(false) is not { } map)
        {
            return Outcome.Fault(Reasons.MapUnavailable);
        }

        if (auth.Authenticated)
        {
            var user = await CallAsync(scope, c => oldPool.AdminGetUserAsync(username, c), ct).ConfigureAwait(false);
            return MigrationDecision.AfterSignIn(user, map);
        }

        return await ChallengeAsync(auth.ChallengeName, username, map, scope, ct).ConfigureAwait(false);
    }

    private async Task<Outcome> ChallengeAsync(string? challenge, string username, AttributeMap map, InvocationScope scope, CancellationToken ct)
    {
        if (MigrationDecision.ActionFor(challenge, map) == ChallengeAction.Reject)
        {
            return Outcome.Reject(Reasons.Challenge(challenge));
        }

        // The password was right; the decision needs the user's state and attributes.
        var user = await CallAsync(scope, c => oldPool.AdminGetUserAsync(username, c), ct).ConfigureAwait(false);
        return MigrationDecision.AfterChallenge(challenge, user, map);
    }

    private async Task<Outcome> ForgotPasswordAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct)
    {
        var mapTask = maps.GetAsync(ct).AsTask();
        OldUser user;
        try
        {
            user = await CallAsync(scope, c => oldPool.AdminGetUserAsync(trigger.UserName, c), ct).ConfigureAwait(false);
        }
        catch (CognitoException error) when (error.Kind == CognitoErrorKind.UserNotFound && AliasAttributeFor(trigger.UserName) is { } attribute)
        {
            var found = await LookUpAsync(scope, attribute, trigger.UserName, ct).ConfigureAwait(false);
            if (found is null)
            {
                return Outcome.Reject(Reasons.UserNotFound);
            }

            user = found;
        }

        if (MigrationDecision.ForgotPasswordIneligible(user) is { } ineligible)
        {
            return ineligible;
        }

        if (await LoadMapAsync(mapTask, scope, ct).ConfigureAwait(false) is not { } map)
        {
            return Outcome.Fault(Reasons.MapUnavailable);
        }

        return MigrationDecision.ForgotPassword(user, map);
    }

    private async Task<AttributeMap?> LoadMapAsync(Task<LoadedMap?> mapTask, InvocationScope scope, CancellationToken ct)
    {
        var loaded = await mapTask.ConfigureAwait(false);
        if (loaded is not null)
        {
            // An expired map was handed out at once and its refresh started with this invocation; asking again now (never a
            // wait while a map is held) picks up the refreshed one when Parameter Store answered before the old pool did.
            loaded = await maps.GetAsync(ct).ConfigureAwait(false) ?? loaded;
        }

        scope.MapVersion = loaded?.ParameterVersion;
        return loaded?.Map;
    }

    private string? AliasAttributeFor(string typed) => AliasShapes.AttributeFor(options.AliasLookup, typed);

    private async Task<OldUser?> LookUpAsync(InvocationScope scope, string attribute, string typed, CancellationToken ct)
    {
        // Two is enough to tell "exactly one" from "ambiguous" without paging through the pool.
        var users = await CallAsync(scope, c => oldPool.ListUsersAsync(attribute, typed, 2, c), ct).ConfigureAwait(false);
        return users.Count == 1 ? users[0] : null;
    }

    /// <summary>
    /// One upstream call, retried at most once and only when the old pool surely did not process it (throttled,
    /// never connected) and the deadline leaves room: a processed sign-in counts against the old pool's lockout.
    /// </summary>
    private async Task<T> CallAsync<T>(InvocationScope scope, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        scope.UpstreamCalls++;
        try
        {
            return await call(ct).ConfigureAwait(false);
        }
        catch (CognitoException error) when (error.SurelyUnprocessed && scope.Remaining - tuning.RetryDelay >= tuning.MinimumRetryBudget)
        {
            if (tuning.RetryDelay > TimeSpan.Zero)
            {
                await Task.Delay(tuning.RetryDelay, clock, ct).ConfigureAwait(false);
            }

            scope.UpstreamCalls++;
            return await call(ct).ConfigureAwait(false);
        }
    }
}
