using AttrMapper.Cognito;

namespace AttrMapper.Tests.Fakes;

/// <summary>Old-pool errors as the Cognito client classifies real answers.</summary>
internal static class Errors
{
    public static CognitoException NotAuthorized => new(CognitoErrorKind.NotAuthorized, "NotAuthorizedException", 400, surelyUnprocessed: false);

    public static CognitoException UserNotFound => new(CognitoErrorKind.UserNotFound, "UserNotFoundException", 400, surelyUnprocessed: false);

    public static CognitoException UserNotConfirmed => new(CognitoErrorKind.UserNotConfirmed, "UserNotConfirmedException", 400, surelyUnprocessed: false);

    public static CognitoException PasswordResetRequired => new(CognitoErrorKind.PasswordResetRequired, "PasswordResetRequiredException", 400, surelyUnprocessed: false);

    public static CognitoException Throttled => new(CognitoErrorKind.Throttled, "TooManyRequestsException", 400, surelyUnprocessed: true);

    public static CognitoException Internal => new(CognitoErrorKind.ServerError, "InternalErrorException", 500, surelyUnprocessed: false);

    public static CognitoException ConnectFailed => new(CognitoErrorKind.Network, "ConnectFailure", 0, surelyUnprocessed: true);

    public static CognitoException ExpiredToken => new(CognitoErrorKind.Credentials, "ExpiredTokenException", 400, surelyUnprocessed: false);

    public static CognitoException InvalidParameter => new(CognitoErrorKind.InvalidParameter, "InvalidParameterException", 400, surelyUnprocessed: false);

    public static CognitoException LambdaValidation => new(CognitoErrorKind.LambdaValidation, "UserLambdaValidationException", 400, surelyUnprocessed: false);
}
