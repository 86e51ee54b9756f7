namespace AttrMapper.Cognito;

/// <summary>How an old-pool call failed, as far as the migration handler cares.</summary>
public enum CognitoErrorKind
{
    NotAuthorized,
    UserNotFound,
    UserNotConfirmed,
    PasswordResetRequired,
    Throttled,
    ServerError,
    Timeout,
    Network,
    Credentials,
    Configuration,
    InvalidParameter,
    LambdaValidation,
    MalformedResponse,
    Other,
}
