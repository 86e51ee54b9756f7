namespace AttrMapper.Cognito;

/// <summary>
/// A failed old-pool call. The message is generic: it never carries upstream text, a password, token, secret or attribute value.
/// Caller cancellation is not this exception: it surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class CognitoException : Exception
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

    // Only our own words, the kind, the sanitised code and the status: never upstream text.
    private static string MessageFor(CognitoErrorKind kind, string code, int statusCode)
    {
        var detail = (code.Length > 0, statusCode > 0) switch
        {
            (true, true) => $" ({code}, HTTP {statusCode})",
            (true, false) => $" ({code})",
            (false, true) => $" (HTTP {statusCode})",
            _ => string.Empty,
        };
        return $"Old user pool call failed: {kind}{detail}";
    }
}
