namespace AttrMapper.Cognito;

/// <summary>Turns a Cognito error answer (body <c>__type</c>, header <c>X-Amzn-ErrorType</c>, status) into a <see cref="CognitoErrorKind"/>.</summary>
internal static class CognitoErrors
{
    public const string Unrecognized = "Unrecognized";

    /// <summary>
    /// The bare code: "aws.cognito#NotAuthorizedException:http://internal..." becomes "NotAuthorizedException".
    /// The header wins over the body when both are present, as in the AWS SDKs.
    /// </summary>
    public static string NormalizeCode(string? header, string? bodyType)
    {
        var raw = string.IsNullOrWhiteSpace(header) ? bodyType : header;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return string.Empty;
        }

        var code = raw.AsSpan().Trim();
        var colon = code.IndexOf(':');
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        code = code.Trim();

        // Codes are identifiers; anything else is upstream text and must not travel into our messages.
        foreach (var c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && c != '_')
            {
                return Unrecognized;
            }
        }

        return code.Length is > 0 and <= 100 ? code.ToString() : Unrecognized;
    }

    public static CognitoErrorKind Classify(string code, int statusCode) => code switch
    {
        "NotAuthorizedException" => CognitoErrorKind.NotAuthorized,
        "UserNotFoundException" => CognitoErrorKind.UserNotFound,
        "UserNotConfirmedException" => CognitoErrorKind.UserNotConfirmed,
        "PasswordResetRequiredException" => CognitoErrorKind.PasswordResetRequired,
        "TooManyRequestsException" or "LimitExceededException" or "ThrottlingException" or "Throttling"
            or "RequestLimitExceeded" => CognitoErrorKind.Throttled,
        "InternalErrorException" or "InternalFailure" or "ServiceUnavailable" or "ServiceUnavailableException" => CognitoErrorKind.ServerError,
        "InvalidParameterException" => CognitoErrorKind.InvalidParameter,
        "ResourceNotFoundException" or "InvalidUserPoolConfigurationException" => CognitoErrorKind.Configuration,
        "ExpiredTokenException" or "UnrecognizedClientException" or "InvalidSignatureException" or "AccessDeniedException"
            or "IncompleteSignature" or "IncompleteSignatureException" or "MissingAuthenticationToken"
            or "MissingAuthenticationTokenException" or "InvalidClientTokenId" or "SignatureDoesNotMatch"
            or "RequestExpired" => CognitoErrorKind.Credentials,
        "UserLambdaValidationException" or "UnexpectedLambdaException" or "InvalidLambdaResponseException" => CognitoErrorKind.LambdaValidation,
        _ when statusCode == 429 => CognitoErrorKind.Throttled,
        _ when statusCode >= 500 => CognitoErrorKind.ServerError,
        _ => CognitoErrorKind.Other,
    };

    /// <summary>Throttling is refused before any work is done, so it is surely unprocessed; a 5xx may have been processed.</summary>
    public static bool IsSurelyUnprocessed(CognitoErrorKind kind) => kind is CognitoErrorKind.Throttled;
}
