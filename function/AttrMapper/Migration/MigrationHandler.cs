using AttrMapper.Cognito;
using AttrMapper.Configuration;
using AttrMapper.Logging;
using AttrMapper.Mapping;
using AttrMapper.Parameters;
using AttrMapper.Triggers;

namespace AttrMapper.Migration;

/// <summary>Turns one User Migration event (either <c>UserMigration_*</c> source) into migrate, reject or fault (DESIGN.md §5).</summary>
internal sealed class MigrationHandler(FunctionOptions options, IOldPool oldPool, IMapSource maps, TimeProvider clock, HandlerTuning tuning)
    : ITriggerHandler
{
    private readonly AliasLookup aliases = new(options.AliasLookup);

    public async Task<TriggerAnswer> HandleAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct)
    {
        var outcome = await DecideWithinDeadlineAsync(trigger, scope, ct).ConfigureAwait(false);
        var response = outcome.Kind switch
        {
            OutcomeKind.Migrated => MigrationResponse.Migrate(trigger, outcome.Answer!),
            OutcomeKind.Rejected => ResponseWriter.Reject(trigger),
            _ => null,
        };
        return new TriggerAnswer(outcome.Kind, outcome.Reason, response);
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
        // Registered for both sources; anything else is a wiring mistake, answered as the dispatch answers it.
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
        catch (CognitoException error) when (error.Kind == CognitoErrorKind.UserNotFound && aliases.AppliesTo(username))
        {
            var found = await LookUpAsync(scope, username, ct).ConfigureAwait(false);
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
            if (map.AttributeSource == AttributeSource.IdToken && auth.IdToken is { } claims)
            {
                return MigrationDecision.AfterSignIn(SignedIn(username, claims), map);
            }

            // AdminGetUser source, or an IdToken map whose token was missing or unreadable: the second call costs quota
            // and latency, but a fault here would fail every sign-in for as long as the old pool's tokens stay that way
            // (a pre token generation trigger added after validation, say), while AdminGetUser's answer is authoritative.
            var user = await CallAsync(scope, c => oldPool.AdminGetUserAsync(username, c), ct).ConfigureAwait(false);
            return MigrationDecision.AfterSignIn(user, map);
        }

        return await ChallengeAsync(auth.ChallengeName, username, map, scope, ct).ConfigureAwait(false);
    }

    /// <summary>The old user as a successful sign-in's ID token shows it, for an <see cref="AttributeSource.IdToken"/> map.</summary>
    /// <remarks>
    /// Enabled and CONFIRMED are what AdminGetUser would report, implied by the tokens themselves: the old pool answers a
    /// disabled user NotAuthorizedException, an unconfirmed one UserNotConfirmedException, RESET_REQUIRED
    /// PasswordResetRequiredException and FORCE_CHANGE_PASSWORD a NEW_PASSWORD_REQUIRED challenge; only a CONFIRMED,
    /// enabled user gets an AuthenticationResult. The name is the one the sign-in used (typed, or resolved by the alias
    /// lookup), as the AdminGetUser path passes it; the decision never reads it, so the token's cognito:username (the
    /// pool's internal name, which differs from a typed alias) is not consulted.
    /// </remarks>
    private static OldUser SignedIn(string username, IdTokenClaims claims) =>
        new(username, Enabled: true, UserSettings.Confirmed, claims.Attributes);

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
        catch (CognitoException error) when (error.Kind == CognitoErrorKind.UserNotFound && aliases.AppliesTo(trigger.UserName))
        {
            var found = await LookUpAsync(scope, trigger.UserName, ct).ConfigureAwait(false);
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

    private async Task<OldUser?> LookUpAsync(InvocationScope scope, string typed, CancellationToken ct)
    {
        var match = await aliases.FindAsync(
            typed, (attribute, value, limit, c) => CallAsync(scope, c2 => oldPool.ListUsersAsync(attribute, value, limit, c2), c), ct).ConfigureAwait(false);
        return match.User;
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
