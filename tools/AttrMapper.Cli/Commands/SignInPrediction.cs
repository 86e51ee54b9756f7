using AttrMapper.Cognito;
using AttrMapper.Mapping;
using AttrMapper.Migration;

namespace AttrMapper.Cli.Commands;

/// <summary>
/// What the trigger would answer for this user, without a password: for sign-in, the answer the old pool gives a right
/// password in the user's state (a prediction from status and Enabled, as real Cognito behaves), then each challenge the
/// map has a policy for; for forgot password, the one answer. The decisions themselves are the function's
/// <see cref="MigrationDecision"/>, so this cannot drift from it.
/// </summary>
internal static class SignInPrediction
{
    public static List<PreviewCase> Cases(OldUser user, AttributeMap map)
    {
        var cases = new List<PreviewCase>();
        const string signIn = "sign-in";

        // How the old pool answers ADMIN_USER_PASSWORD_AUTH with the right password, by the user's state.
        var (situation, outcome) = (user.Enabled, user.UserStatus) switch
        {
            (false, _) => ("right password; old pool: NotAuthorizedException (disabled)", Rejected(CognitoErrorKind.NotAuthorized)),
            (_, "UNCONFIRMED") => ("right password; old pool: UserNotConfirmedException", Rejected(CognitoErrorKind.UserNotConfirmed)),
            (_, "RESET_REQUIRED") => ("right password; old pool: PasswordResetRequiredException", Rejected(CognitoErrorKind.PasswordResetRequired)),
            (_, "FORCE_CHANGE_PASSWORD") => ("right password; old pool: challenge NEW_PASSWORD_REQUIRED",
                MigrationDecision.AfterChallenge("NEW_PASSWORD_REQUIRED", user, map)),
            _ => ("right password; old pool: tokens (no MFA)", MigrationDecision.AfterSignIn(user, map)),
        };
        cases.Add(new(signIn, situation, outcome));

        if (user.Enabled && user.UserStatus == UserSettings.Confirmed)
        {
            // An MFA user gets a challenge instead of tokens: what each policy of the map does with this user.
            foreach (var challenge in ChallengeNames.All)
            {
                cases.Add(new(signIn, $"right password; old pool: challenge {challenge}", MigrationDecision.AfterChallenge(challenge, user, map)));
            }
        }

        cases.Add(new(signIn, "wrong password; old pool: NotAuthorizedException", Rejected(CognitoErrorKind.NotAuthorized)));
        cases.Add(new("forgot-password", "old pool: AdminGetUser", MigrationDecision.ForgotPassword(user, map)));
        return cases;
    }

    private static Outcome Rejected(CognitoErrorKind kind) =>
        Reasons.ForError(new CognitoException(kind, string.Empty, 400, surelyUnprocessed: false));
}
