using Amazon.Runtime;
using Amazon.SimpleSystemsManagement.Model;
using AttrMapper.Cognito;

namespace AttrMapper.Cli.Aws;

/// <summary>Turns what the AWS calls throw into a <see cref="CliException"/> with the right exit code, in our own words.</summary>
internal static class AwsFailures
{
    public static CliException FromCognito(CognitoException e, string what) => e.Kind switch
    {
        CognitoErrorKind.UserNotFound => new(ExitCodes.NotFound, "not_found", $"{what}: no such user"),
        CognitoErrorKind.Configuration => new(ExitCodes.NotFound, "not_found", $"{what}: the user pool does not exist or is not usable ({e.Code})",
            "check the pool id and the region it starts with"),
        CognitoErrorKind.Throttled => new(ExitCodes.Aws, "throttled", $"{what}: Cognito kept throttling (TooManyRequests)", "try again later"),
        CognitoErrorKind.Credentials => new(ExitCodes.Aws, "credentials", $"{what}: Cognito refused the credentials ({e.Code})",
            "check AWS_PROFILE / the access keys and their permissions"),
        CognitoErrorKind.Timeout or CognitoErrorKind.Network => new(ExitCodes.Aws, "network", $"{what}: Cognito could not be reached ({e.Kind})",
            "check the network or AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"),
        _ => new(ExitCodes.Aws, "aws", $"{what}: {e.Message}"),
    };

    public static CliException FromSsm(Exception e, string parameter) => e switch
    {
        ParameterNotFoundException => new(ExitCodes.NotFound, "not_found", $"parameter {parameter} does not exist",
            "check the name (it starts with / when it has a path) and AWS_REGION"),
        AmazonServiceException { ErrorCode: "ThrottlingException" } => new(ExitCodes.Aws, "throttled", $"Parameter Store throttled the call for {parameter}", "try again later"),
        AmazonServiceException s when IsCredentials(s.ErrorCode) => new(ExitCodes.Aws, "credentials",
            $"Parameter Store refused the credentials ({Code(s.ErrorCode)})", "check AWS_PROFILE / the access keys and their permissions"),
        AmazonServiceException s => new(ExitCodes.Aws, "aws", $"Parameter Store call for {parameter} failed ({Code(s.ErrorCode)}, HTTP {(int)s.StatusCode})"),
        _ => new(ExitCodes.Aws, "network", $"Parameter Store could not be reached for {parameter} ({e.GetType().Name})",
            "check the network or AWS_ENDPOINT_URL_SSM"),
    };

    /// <summary>True for what an SSM call can throw short of a bug: service errors, client/network errors, timeouts.</summary>
    /// <remarks>Callers add <c>&amp;&amp; !ct.IsCancellationRequested</c> so that Ctrl+C is not reported as an AWS failure.</remarks>
    public static bool IsSsmFailure(Exception e) =>
        e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or OperationCanceledException;

    private static bool IsCredentials(string? code) => code is "UnrecognizedClientException" or "InvalidSignatureException"
        or "AccessDeniedException" or "ExpiredTokenException" or "MissingAuthenticationTokenException" or "InvalidClientTokenId"
        or "SignatureDoesNotMatch";

    // The code is an identifier; anything else would be upstream text.
    private static string Code(string? code) =>
        code is { Length: > 0 and <= 100 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_') ? code : "Unrecognized";
}
