namespace AttrMapper.Cognito;

/// <summary>How an old-pool call failed, as far as the migration handler cares.</summary>
internal enum CognitoErrorKind
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
