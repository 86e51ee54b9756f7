using AttrMapper.Cognito;
using AttrMapper.Triggers;

namespace AttrMapper.Migration;

/// <summary>The fixed reason codes of the log line (DESIGN.md §7); never free text from a user or an upstream.</summary>
public static class Reasons
{
    public const string SignedIn = "signed_in";
    public const string ForgotPassword = "forgot_password";
    public const string BadCredentials = "bad_credentials";
    public const string UserNotFound = "user_not_found";
    public const string Disabled = "disabled";
    public const string Unconfirmed = "unconfirmed";
    public const string ResetRequired = "reset_required";
    public const string NotEligible = "not_eligible";
    public const string NoVerifiedContact = "no_verified_contact";
    public const string NotSelected = "not_selected";
    public const string EmptyPassword = "empty_password";
    public const string UnknownTrigger = TriggerReasons.UnknownTrigger;
    public const string WrongPool = "wrong_pool";
    public const string OversizedAttribute = "oversized_attribute";
    public const string InvalidParameter = "invalid_parameter";
    public const string LambdaValidation = "lambda_validation";
    public const string MalformedEvent = TriggerReasons.MalformedEvent;
    public const string MapUnavailable = "map_unavailable";
    public const string UpstreamThrottled = "upstream_throttled";
    public const string UpstreamTimeout = "upstream_timeout";
    public const string UpstreamError = "upstream_error";
    public const string Credentials = "credentials";
    public const string Configuration = "configuration";
    public const string Deadline = "deadline";
    public const string Internal = TriggerReasons.Internal;
    public const string ResponseTooLarge = TriggerReasons.ResponseTooLarge;

    /// <summary>A migration whose answer carried the pending-groups marker.</summary>
    public const string GroupsCarried = "groups_carried";

    /// <summary>The reason for a challenge, kept to a bounded vocabulary so a log line cannot be fed arbitrary text.</summary>
    public static string Challenge(string? name) =>
        name is { Length: > 0 and <= 40 } && name.All(c => c is (>= 'A' and <= 'Z') or '_')
            ? "challenge_" + name
            : "challenge_other";

    /// <summary>What an old-pool error that nothing handled more specifically means for the user.</summary>
    public static Outcome ForError(CognitoException error) => error.Kind switch
    {
        CognitoErrorKind.NotAuthorized => Outcome.Reject(BadCredentials),
        CognitoErrorKind.UserNotFound => Outcome.Reject(UserNotFound),
        CognitoErrorKind.UserNotConfirmed => Outcome.Reject(Unconfirmed),
        CognitoErrorKind.PasswordResetRequired => Outcome.Reject(ResetRequired),
        CognitoErrorKind.InvalidParameter => Outcome.Reject(InvalidParameter),
        CognitoErrorKind.LambdaValidation => Outcome.Reject(LambdaValidation),
        CognitoErrorKind.Throttled => Outcome.Fault(UpstreamThrottled),
        CognitoErrorKind.Timeout => Outcome.Fault(UpstreamTimeout),
        CognitoErrorKind.Credentials => Outcome.Fault(Credentials),
        CognitoErrorKind.Configuration => Outcome.Fault(Configuration),
        _ => Outcome.Fault(UpstreamError),
    };
}
