using AttrMapper.Cognito;
using AttrMapper.Configuration;
using AttrMapper.Groups;
using AttrMapper.Logging;
using AttrMapper.Mapping;
using AttrMapper.Parameters;
using AttrMapper.Triggers;

namespace AttrMapper.Migration;

/// <summary>Turns one User Migration event (either <c>UserMigration_*</c> source) into migrate, reject or fault (DESIGN.md §5).</summary>
internal sealed class MigrationHandler(
    FunctionOptions options, IOldPool oldPool, IMapSource maps, TimeProvider clock, HandlerTuning tuning, MarkerWriter? markers = null)
    : ITriggerHandler
{
    // A group read that outlives AdminGetUser may use the deadline up to this margin, then the answer carries lookup.
    private static readonly TimeSpan GroupReadMargin = TimeSpan.FromMilliseconds(500);

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
        catch (CognitoException error) when (error.Kind == CognitoErrorKind.Timeout && scope.Remaining <= TimeSpan.Zero)
        {
            // An attempt's own timeout ends no earlier than the deadline, and on a busy machine its timer may be serviced
            // before the deadline's: an attempt that timed out once the deadline had passed is the deadline, whichever fired first.
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
                // One old-pool call: the token carries the groups too (cognito:groups).
                var fromToken = map.Groups is null || markers is null ? null : Task.FromResult<IReadOnlyList<string>?>(claims.Groups);
                return await WithGroupsAsync(MigrationDecision.AfterSignIn(SignedIn(username, claims), map), trigger, username, map, fromToken, scope, ct)
                    .ConfigureAwait(false);
            }

            // AdminGetUser source, or an IdToken map whose token was missing or unreadable: the second call costs quota
            // and latency, but a fault here would fail every sign-in for as long as the old pool's tokens stay that way
            // (a pre token generation trigger added after validation, say), while AdminGetUser's answer is authoritative.
            // The groups are read while AdminGetUser runs: no extra latency on the happy path.
            var groups = ReadGroups(map, username, scope, ct);
            var user = await CallAsync(scope, c => oldPool.AdminGetUserAsync(username, c), ct).ConfigureAwait(false);
            return await WithGroupsAsync(MigrationDecision.AfterSignIn(user, map), trigger, user.Username, map, groups, scope, ct)
                .ConfigureAwait(false);
        }

        return await ChallengeAsync(auth.ChallengeName, trigger, username, map, scope, ct).ConfigureAwait(false);
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

    private async Task<Outcome> ChallengeAsync(
        string? challenge, TriggerEvent trigger, string username, AttributeMap map, InvocationScope scope, CancellationToken ct)
    {
        if (MigrationDecision.ActionFor(challenge, map) == ChallengeAction.Reject)
        {
            return Outcome.Reject(Reasons.Challenge(challenge));
        }

        // The password was right; the decision needs the user's state and attributes.
        var groups = ReadGroups(map, username, scope, ct);
        var user = await CallAsync(scope, c => oldPool.AdminGetUserAsync(username, c), ct).ConfigureAwait(false);
        return await WithGroupsAsync(MigrationDecision.AfterChallenge(challenge, user, map), trigger, user.Username, map, groups, scope, ct)
            .ConfigureAwait(false);
    }

    private async Task<Outcome> ForgotPasswordAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct)
    {
        var mapTask = maps.GetAsync(ct).AsTask();

        // A warm container knows now whether the map has groups and reads them beside AdminGetUser; a cold one reads
        // them after the map has loaded.
        var groups = mapTask.IsCompletedSuccessfully && mapTask.Result?.Map is { } known ? ReadGroups(known, trigger.UserName, scope, ct) : null;
        var groupsOf = trigger.UserName;
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

        var oldUsername = user.Username ?? trigger.UserName;
        if (groups is null || !string.Equals(groupsOf, oldUsername, StringComparison.Ordinal))
        {
            groups = ReadGroups(map, oldUsername, scope, ct);
        }

        return await WithGroupsAsync(MigrationDecision.ForgotPassword(user, map), trigger, oldUsername, map, groups, scope, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The old user's groups, all pages, concurrently with whatever the caller does next; null (never an exception)
    /// when the read failed, was throttled or has more pages than a marker can hold: the answer then carries lookup.
    /// Null task when the map has no groups or no marker can be written.
    /// </summary>
    private Task<IReadOnlyList<string>?>? ReadGroups(AttributeMap map, string username, InvocationScope scope, CancellationToken ct)
    {
        if (map.Groups is null || markers is null)
        {
            return null;
        }

        return Task.Run<IReadOnlyList<string>?>(async () =>
        {
            try
            {
                var (groups, complete) = await OldGroups.ReadAsync(next =>
                {
                    scope.CountCall();
                    return oldPool.AdminListGroupsForUserAsync(username, next, ct);
                }).ConfigureAwait(false);
                return complete ? groups : null;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                return null;
            }
        }, CancellationToken.None);
    }

    private async Task<Outcome> WithGroupsAsync(
        Outcome outcome, TriggerEvent trigger, string oldUsername, AttributeMap map, Task<IReadOnlyList<string>?>? groups,
        InvocationScope scope, CancellationToken ct)
    {
        if (outcome.Kind != OutcomeKind.Migrated || groups is null || map.Groups is not { } groupMap || markers is null
            || trigger.UserPoolId is not { Length: > 0 } poolId)
        {
            return outcome;
        }

        IReadOnlyList<string>? oldGroups;
        var wait = scope.Remaining - GroupReadMargin;
        try
        {
            oldGroups = wait > TimeSpan.Zero ? await groups.WaitAsync(wait, clock, ct).ConfigureAwait(false) : null;
        }
        catch (TimeoutException)
        {
            oldGroups = null;
        }

        var answer = outcome.Answer!;
        var marker = await markers.MarkerAsync(poolId, trigger.UserName, oldUsername, answer.UserAttributes, groupMap, oldGroups, scope.CountCall, ct)
            .ConfigureAwait(false);
        if (marker is null)
        {
            return outcome;
        }

        var attributes = new Dictionary<string, string>(answer.UserAttributes, StringComparer.Ordinal) { [groupMap.Marker] = marker };
        scope.Groups.GroupsCarried = 1;
        return Outcome.Migrate(answer with { UserAttributes = attributes }, Reasons.GroupsCarried);
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
        scope.CountCall();
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

            scope.CountCall();
            return await call(ct).ConfigureAwait(false);
        }
    }
}
