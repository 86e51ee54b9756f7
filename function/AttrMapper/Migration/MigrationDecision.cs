using AttrMapper.Cognito;
using AttrMapper.Mapping;

namespace AttrMapper.Migration;

/// <summary>
/// The decisions of DESIGN.md §5 once the old pool has answered: pure, no I/O. The handler and the operator CLI's
/// <c>preview</c> both call these, so a preview cannot drift from what the function answers.
/// </summary>
public static class MigrationDecision
{
    private const string Confirmed = UserSettings.Confirmed;
    private const string ResetRequired = UserSettings.ResetRequired;

    /// <summary>Sign-in: the old pool returned tokens, then AdminGetUser returned <paramref name="user"/>.</summary>
    public static Outcome AfterSignIn(OldUser user, AttributeMap map)
    {
        if (!IsSelected(user, map))
        {
            return Outcome.Reject(Reasons.NotSelected);
        }

        if (!user.Enabled)
        {
            return Outcome.Reject(Reasons.Disabled);
        }

        if (user.UserStatus != Confirmed)
        {
            return Outcome.Reject(Reasons.NotEligible);
        }

        return MapUser(user, map, attributes => Outcome.Migrate(MigrationAnswer.FromSettings(attributes, map.User), Reasons.SignedIn));
    }

    /// <summary>What the map says about a challenge; <see cref="ChallengeAction.Reject"/> needs no further old-pool call.</summary>
    public static ChallengeAction ActionFor(string? challenge, AttributeMap map) =>
        challenge is null ? ChallengeAction.Reject : map.ChallengeFor(challenge);

    /// <summary>Sign-in: the password was right and the old pool answered challenge <paramref name="challenge"/>; AdminGetUser returned <paramref name="user"/>.</summary>
    public static Outcome AfterChallenge(string? challenge, OldUser user, AttributeMap map)
    {
        var reason = Reasons.Challenge(challenge);
        var action = ActionFor(challenge, map);
        if (action == ChallengeAction.Reject)
        {
            return Outcome.Reject(reason);
        }

        if (!IsSelected(user, map))
        {
            return Outcome.Reject(Reasons.NotSelected);
        }

        if (!user.Enabled)
        {
            return Outcome.Reject(Reasons.Disabled);
        }

        // The old pool wants a second step the new pool will ask for in its own way.
        return MapUser(user, map, attributes => action switch
        {
            ChallengeAction.Reset => Outcome.Migrate(
                new MigrationAnswer(attributes, ResetRequired, map.User.MessageAction, map.User.DesiredDeliveryMediums, map.User.ForceAliasCreation),
                reason),
            _ when IsVerified(attributes, AttributeNames.PhoneNumber) => Outcome.Migrate(
                new MigrationAnswer(attributes, Confirmed, map.User.MessageAction, map.User.DesiredDeliveryMediums, map.User.ForceAliasCreation, EnableSmsMfa: true),
                reason),
            _ => Outcome.Reject(reason),
        });
    }

    /// <summary>Forgot password, before the map is needed: a reject when the user cannot be migrated whatever the map says, else null.</summary>
    public static Outcome? ForgotPasswordIneligible(OldUser user)
    {
        if (!user.Enabled)
        {
            return Outcome.Reject(Reasons.Disabled);
        }

        // The old pool itself refuses a reset in FORCE_CHANGE_PASSWORD; so does the migration.
        return user.UserStatus is Confirmed or ResetRequired ? null : Outcome.Reject(Reasons.NotEligible);
    }

    /// <summary>Forgot password: AdminGetUser returned <paramref name="user"/>.</summary>
    public static Outcome ForgotPassword(OldUser user, AttributeMap map)
    {
        if (!IsSelected(user, map))
        {
            return Outcome.Reject(Reasons.NotSelected);
        }

        if (ForgotPasswordIneligible(user) is { } reject)
        {
            return reject;
        }

        return MapUser(user, map, attributes =>
            IsVerified(attributes, AttributeNames.Email) || IsVerified(attributes, AttributeNames.PhoneNumber)
                ? Outcome.Migrate(new MigrationAnswer(attributes, ResetRequired, UserSettings.Suppress, ForceAliasCreation: map.User.ForceAliasCreation), Reasons.ForgotPassword)
                : Outcome.Reject(Reasons.NoVerifiedContact));
    }

    /// <summary>Whether this pool's map takes the user (DESIGN.md §4 <c>select</c>); a map without <c>select</c> takes everyone.</summary>
    /// <remarks>Decided on the old pool's answer only, so a user of another tenant costs exactly the old-pool calls anyone costs.</remarks>
    public static bool IsSelected(OldUser user, AttributeMap map) => map.Select?.Selects(user.Attributes) ?? true;

    private static Outcome MapUser(OldUser user, AttributeMap map, Func<IReadOnlyDictionary<string, string>, Outcome> decide)
    {
        var mapped = map.Apply(user.Attributes);
        return mapped.Attributes is { } attributes ? decide(attributes) : Outcome.Reject(Reasons.OversizedAttribute);
    }

    private static bool IsVerified(IReadOnlyDictionary<string, string> attributes, string name) =>
        attributes.ContainsKey(name)
        && attributes.TryGetValue(name + "_verified", out var flag)
        && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);
}
