using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using AttrMapper.Aws;

namespace AttrMapper.Tests.Aws;

public sealed class RequestSignerTests
{
    // AWS SigV4 test suite, post-vanilla: POST / HTTP/1.1, Host:example.amazonaws.com, X-Amz-Date:20150830T123600Z, empty body.
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string EmptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string PostVanillaCreq =
        "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + EmptySha;
    private const string PostVanillaSts =
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87";
    private const string PostVanillaSignature = "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b";

    private static readonly DateTime SuiteTime = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    [Fact]
    public void ReferenceSigner_PostVanilla_MatchesOfficialVector()
    {
        var (creq, sts, signature) = ReferenceSigV4.Sign("POST", "example.amazonaws.com",
            [new("X-Amz-Date", "20150830T123600Z")], [], SecretKey, SuiteTime, "us-east-1", "service");

        creq.ShouldBe(PostVanillaCreq);
        sts.ShouldBe(PostVanillaSts);
        signature.ShouldBe(PostVanillaSignature);
    }

    [Fact]
    public void SdkSigningKeyAndStringToSign_PostVanillaCanonicalRequest_MatchesOfficialSignature()
    {
        // The SDK code our signer delegates to, fed the suite's exact canonical request.
        var result = AWS4Signer.ComputeSignature(AccessKey, SecretKey, "us-east-1", SuiteTime, "service", "host;x-amz-date", PostVanillaCreq);

        result.Signature.ShouldBe(PostVanillaSignature);
        result.ForAuthorizationHeader.ShouldBe(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + PostVanillaSignature);
    }

    [Fact]
    public void Sign_PostVanillaRequest_SignsTheSuiteRequestPlusTheSdkContentHashHeader()
    {
        // The SDK signer always adds X-Amz-Content-SHA256, so the signed header set is post-vanilla's plus that one.
        // Expected value computed independently (python3 hmac) from the suite's canonical request with that header added.
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/");

        RequestSigner.Sign(request, [], [], new ImmutableCredentials(AccessKey, SecretKey, null), "us-east-1", "service", SuiteTime);

        Header(request, "X-Amz-Date").ShouldBe("20150830T123600Z");
        Header(request, "X-Amz-Content-SHA256").ShouldBe(EmptySha);
        Header(request, "Authorization").ShouldBe(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
            "SignedHeaders=host;x-amz-content-sha256;x-amz-date, " +
            "Signature=3ad5e249949a59b862eedd9f1bf1ece4693c3042bf860ef5e3351b8925316f98");
        request.Headers.Contains("X-Amz-Security-Token").ShouldBeFalse();
    }

    [Fact]
    public void Sign_SessionCredentialsAndCognitoHeaders_SignsTokenTargetAndContentTypeInRegionScope()
    {
        const string token = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
        var body = "{\"UserPoolId\":\"eu-west-1_AbC123\",\"Username\":\"bob\"}"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://cognito-idp.eu-west-1.amazonaws.com/");
        KeyValuePair<string, string>[] headers =
        [
            new("Content-Type", "application/x-amz-json-1.1"),
            new("X-Amz-Target", "AWSCognitoIdentityProviderService.AdminGetUser"),
        ];

        RequestSigner.Sign(request, body, headers, new ImmutableCredentials(AccessKey, SecretKey, token), "eu-west-1", "cognito-idp", SuiteTime);

        var authorization = Header(request, "Authorization");
        ReferenceSigV4.Scope(authorization).ShouldBe("AKIDEXAMPLE/20150830/eu-west-1/cognito-idp/aws4_request");
        ReferenceSigV4.SignedHeaders(authorization).ShouldBe("content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target");
        Header(request, "X-Amz-Security-Token").ShouldBe(token);

        var expected = ReferenceSigV4.Sign("POST", "cognito-idp.eu-west-1.amazonaws.com",
        [
            .. headers,
            new("X-Amz-Content-SHA256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))),
            new("X-Amz-Date", "20150830T123600Z"),
            new("X-Amz-Security-Token", token),
        ], body, SecretKey, SuiteTime, "eu-west-1", "cognito-idp");
        ReferenceSigV4.Signature(authorization).ShouldBe(expected.Signature);
    }

    [Fact]
    public void Sign_NonDefaultPort_SignsHostWithPortAsHttpClientSendsIt()
    {
        // Local peers listen on arbitrary ports; a verifying peer sees "Host: 127.0.0.1:9229".
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:9229/");

        RequestSigner.Sign(request, [], [], new ImmutableCredentials(AccessKey, SecretKey, null), "us-east-1", "service", SuiteTime);

        var expected = ReferenceSigV4.Sign("POST", "127.0.0.1:9229",
            [new("X-Amz-Content-SHA256", EmptySha), new("X-Amz-Date", "20150830T123600Z")], [], SecretKey, SuiteTime, "us-east-1", "service");
        ReferenceSigV4.Signature(Header(request, "Authorization")).ShouldBe(expected.Signature);
    }

    [Fact]
    public void Sign_DifferentBody_ChangesSignature()
    {
        using var a = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/");
        using var b = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/");
        var credentials = new ImmutableCredentials(AccessKey, SecretKey, null);

        RequestSigner.Sign(a, "{}"u8.ToArray(), [], credentials, "us-east-1", "service", SuiteTime);
        RequestSigner.Sign(b, "{ }"u8.ToArray(), [], credentials, "us-east-1", "service", SuiteTime);

        Header(a, "Authorization").ShouldNotBe(Header(b, "Authorization"));
    }

    private static string Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new ShouldAssertException($"no {name} header");
}
