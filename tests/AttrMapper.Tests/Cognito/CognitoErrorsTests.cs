using AttrMapper.Cognito;

namespace AttrMapper.Tests.Cognito;

public sealed class CognitoErrorsTests
{
    [Theory]
    [InlineData(null, "NotAuthorizedException", "NotAuthorizedException")]
    [InlineData("NotAuthorizedException:http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/", null, "NotAuthorizedException")]
    [InlineData(null, "com.amazonaws.cognito.identity.idp.model#UserNotFoundException", "UserNotFoundException")]
    [InlineData("aws.cognito#TooManyRequestsException:http://internal.amazon.com/coral/", "Whatever", "TooManyRequestsException")]
    [InlineData("", "InternalErrorException", "InternalErrorException")]
    [InlineData(null, null, "")]
    [InlineData(null, "   ", "")]
    [InlineData(null, "Not a code <script>", CognitoErrors.Unrecognized)]
    public void NormalizeCode_HeaderOrBody_StripsNamespaceAndSuffix(string? header, string? body, string expected) =>
        CognitoErrors.NormalizeCode(header, body).ShouldBe(expected);

    [Theory]
    [InlineData("NotAuthorizedException", 400, CognitoErrorKind.NotAuthorized, false)]
    [InlineData("UserNotFoundException", 400, CognitoErrorKind.UserNotFound, false)]
    [InlineData("UserNotConfirmedException", 400, CognitoErrorKind.UserNotConfirmed, false)]
    [InlineData("PasswordResetRequiredException", 400, CognitoErrorKind.PasswordResetRequired, false)]
    [InlineData("TooManyRequestsException", 400, CognitoErrorKind.Throttled, true)]
    [InlineData("LimitExceededException", 400, CognitoErrorKind.Throttled, true)]
    [InlineData("ThrottlingException", 400, CognitoErrorKind.Throttled, true)]
    [InlineData("", 429, CognitoErrorKind.Throttled, true)]
    [InlineData("InternalErrorException", 500, CognitoErrorKind.ServerError, false)]
    [InlineData("", 502, CognitoErrorKind.ServerError, false)]
    [InlineData("", 503, CognitoErrorKind.ServerError, false)]
    [InlineData("InvalidParameterException", 400, CognitoErrorKind.InvalidParameter, false)]
    [InlineData("ResourceNotFoundException", 400, CognitoErrorKind.Configuration, false)]
    [InlineData("ExpiredTokenException", 400, CognitoErrorKind.Credentials, false)]
    [InlineData("UnrecognizedClientException", 400, CognitoErrorKind.Credentials, false)]
    [InlineData("InvalidSignatureException", 400, CognitoErrorKind.Credentials, false)]
    [InlineData("AccessDeniedException", 400, CognitoErrorKind.Credentials, false)]
    [InlineData("MissingAuthenticationTokenException", 400, CognitoErrorKind.Credentials, false)]
    [InlineData("UserLambdaValidationException", 400, CognitoErrorKind.LambdaValidation, false)]
    [InlineData("InvalidPasswordException", 400, CognitoErrorKind.Other, false)]
    [InlineData("SomethingNewException", 400, CognitoErrorKind.Other, false)]
    public void Classify_RealCognitoCodes_Kind(string code, int status, object kind, bool surelyUnprocessed)
    {
        var classified = CognitoErrors.Classify(code, status);

        classified.ShouldBe((CognitoErrorKind)kind);
        CognitoErrors.IsSurelyUnprocessed(classified).ShouldBe(surelyUnprocessed);
    }
}
