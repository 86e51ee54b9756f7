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

/// <summary>
/// A failed old-pool call. The message is generic: it never carries upstream text, a password, token, secret or attribute value.
/// Caller cancellation is not this exception: it surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class CognitoException : Exception
{
    public CognitoException(CognitoErrorKind kind, string code, int statusCode, bool surelyUnprocessed, Exception? inner = null)
        : base(MessageFor(kind, code, statusCode), inner is null ? null : new CognitoTransportException(inner))
    {
        Kind = kind;
        Code = code;
        StatusCode = statusCode;
        SurelyUnprocessed = surelyUnprocessed;
    }

    public CognitoErrorKind Kind { get; }

    /// <summary>The error code without namespace or suffix, e.g. NotAuthorizedException; empty when there was no answer.</summary>
    public string Code { get; }

    /// <summary>HTTP status of the answer; 0 when there was none.</summary>
    public int StatusCode { get; }

    /// <summary>True when the old pool surely did not process the request (throttled, or it never left): safe to retry.</summary>
    public bool SurelyUnprocessed { get; }

    private static string MessageFor(CognitoErrorKind kind, string code, int statusCode) =>
        $"Old user pool call failed: {kind}" + (code.Length > 0 ? $" ({code}" + (statusCode > 0 ? $", HTTP {statusCode})" : ")") : statusCode > 0 ? $" (HTTP {statusCode})" : string.Empty);
}

/// <summary>
/// Wraps a transport failure keeping only its type name: messages of socket or parser exceptions can quote data we sent or received.
/// </summary>
internal sealed class CognitoTransportException : Exception
{
    public CognitoTransportException(Exception inner)
        : base($"Transport failure: {inner.GetType().Name}" + (inner is HttpRequestException h && h.HttpRequestError != HttpRequestError.Unknown ? $" ({h.HttpRequestError})" : string.Empty))
    {
        OriginalType = inner.GetType().Name;
    }

    public string OriginalType { get; }
}
