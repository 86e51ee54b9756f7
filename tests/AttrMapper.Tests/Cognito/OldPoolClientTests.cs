using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AttrMapper.Cognito;
using AttrMapper.Tests.Aws;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Cognito;

public sealed class OldPoolClientTests
{
    private const string PoolId = "eu-west-1_AbC123";
    private const string ClientId = "oldclient123";
    private const string Success =
        """{"AuthenticationResult":{"AccessToken":"eyJ.a.b","ExpiresIn":3600,"IdToken":"eyJ.c.d","RefreshToken":"eyJ.e","TokenType":"Bearer"},"ChallengeParameters":{}}""";
    private const string GetUser =
        """{"Enabled":true,"UserAttributes":[{"Name":"sub","Value":"0f1e"},{"Name":"email","Value":"bob@example.com"},{"Name":"email_verified","Value":"true"},{"Name":"custom:tenant","Value":"acme"}],"UserCreateDate":1.700000000E9,"UserLastModifiedDate":1.700000100E9,"UserStatus":"CONFIRMED","Username":"bob"}""";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 10, 20, 30, TimeSpan.Zero));

    [Fact]
    public async Task AdminInitiateAuth_Request_IsJson11WithTargetAndAdminPasswordFlow()
    {
        var handler = CapturingHandler.Answer(200, Success);

        await Client(handler).AdminInitiateAuthAsync("bob", "Passw0rd!", default);

        var (request, body) = handler.Sent.ShouldHaveSingleItem();
        request.Method.ShouldBe(HttpMethod.Post);
        request.RequestUri.ShouldBe(new Uri("https://cognito-idp.eu-west-1.amazonaws.com/"));
        request.Content!.Headers.ContentType!.ToString().ShouldBe("application/x-amz-json-1.1");
        request.Headers.GetValues("X-Amz-Target").ShouldBe(["AWSCognitoIdentityProviderService.AdminInitiateAuth"]);
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("AuthFlow").GetString().ShouldBe("ADMIN_USER_PASSWORD_AUTH");
        json.RootElement.GetProperty("UserPoolId").GetString().ShouldBe(PoolId);
        json.RootElement.GetProperty("ClientId").GetString().ShouldBe(ClientId);
        json.RootElement.GetProperty("AuthParameters").GetProperty("USERNAME").GetString().ShouldBe("bob");
        json.RootElement.GetProperty("AuthParameters").GetProperty("PASSWORD").GetString().ShouldBe("Passw0rd!");
        json.RootElement.GetProperty("AuthParameters").TryGetProperty("SECRET_HASH", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task AdminInitiateAuth_ClientSecretConfigured_SendsSecretHash()
    {
        var handler = CapturingHandler.Answer(200, Success);

        await Client(handler, secret: new StaticSecret("s3cr3t-Secret-Value")).AdminInitiateAuthAsync("bob", "pw", default);

        using var json = JsonDocument.Parse(handler.Sent[0].Body);
        json.RootElement.GetProperty("AuthParameters").GetProperty("SECRET_HASH").GetString()
            .ShouldBe("Y3poEh8FULPF5JucETY0K4UZgu/dVAuyyLS6ho3KQFI=");
    }

    [Fact]
    public async Task AdminInitiateAuth_SecretConfiguredButUnavailable_ConfigurationFaultWithoutCall()
    {
        var handler = CapturingHandler.Answer(200, Success);

        var e = await Should.ThrowAsync<CognitoException>(Client(handler, secret: new StaticSecret(null)).AdminInitiateAuthAsync("bob", "pw", default));

        e.Kind.ShouldBe(CognitoErrorKind.Configuration);
        e.SurelyUnprocessed.ShouldBeTrue();
        handler.Sent.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("bob", "")]
    [InlineData("", "pw")]
    public async Task AdminInitiateAuth_EmptyUsernameOrPassword_NoCall(string username, string password)
    {
        var handler = CapturingHandler.Answer(200, Success);

        await Should.ThrowAsync<ArgumentException>(Client(handler).AdminInitiateAuthAsync(username, password, default));

        handler.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task Call_Signed_AuthorizationScopeHeadersAndSignatureAreRight()
    {
        var handler = CapturingHandler.Answer(200, GetUser);

        await Client(handler).AdminGetUserAsync("bob", default);

        var (request, body) = handler.Sent[0];
        var authorization = request.Headers.GetValues("Authorization").Single();
        ReferenceSigV4.Scope(authorization).ShouldBe("ASIAEXAMPLE/20260301/eu-west-1/cognito-idp/aws4_request");
        var signed = ReferenceSigV4.SignedHeaders(authorization).Split(';');
        signed.ShouldContain("host");
        signed.ShouldContain("x-amz-date");
        signed.ShouldContain("x-amz-target");
        signed.ShouldContain("x-amz-security-token");
        signed.ShouldContain("content-type");
        request.Headers.GetValues("X-Amz-Date").ShouldBe(["20260301T102030Z"]);
        request.Headers.GetValues("X-Amz-Security-Token").ShouldBe(["session-token-example"]);

        var expected = ReferenceSigV4.Sign("POST", "cognito-idp.eu-west-1.amazonaws.com",
        [
            new("Content-Type", "application/x-amz-json-1.1"),
            new("X-Amz-Content-SHA256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))),
            new("X-Amz-Date", "20260301T102030Z"),
            new("X-Amz-Security-Token", "session-token-example"),
            new("X-Amz-Target", "AWSCognitoIdentityProviderService.AdminGetUser"),
        ], body, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", _time.GetUtcNow().UtcDateTime, "eu-west-1", "cognito-idp");
        ReferenceSigV4.Signature(authorization).ShouldBe(expected.Signature);
    }

    [Fact]
    public async Task AdminInitiateAuth_Tokens_AuthenticatedAndTokensNotSurfaced()
    {
        var result = await Client(CapturingHandler.Answer(200, Success)).AdminInitiateAuthAsync("bob", "pw", default);

        result.ShouldBe(new AuthResult(true, null));
        result.ToString().ShouldNotContain("eyJ");
    }

    [Theory]
    [InlineData("SMS_MFA")]
    [InlineData("NEW_PASSWORD_REQUIRED")]
    [InlineData("CUSTOM_CHALLENGE")]
    public async Task AdminInitiateAuth_Challenge_ChallengeName(string challenge)
    {
        var body = $$"""{"ChallengeName":"{{challenge}}","ChallengeParameters":{"USER_ID_FOR_SRP":"bob"},"Session":"AYABe"}""";

        var result = await Client(CapturingHandler.Answer(200, body)).AdminInitiateAuthAsync("bob", "pw", default);

        result.ShouldBe(new AuthResult(false, challenge));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"ChallengeParameters":{}}""")]
    [InlineData("""{"AuthenticationResult":"yes"}""")]
    [InlineData("""{"AuthenticationResult":{}}""")]
    [InlineData("""{"AuthenticationResult":{"AccessToken":42}}""")]
    [InlineData("""{"ChallengeName":""}""")]
    [InlineData("""{"AuthenticationResult":{"AccessToken":"x"}""")]
    public async Task AdminInitiateAuth_Malformed200_FailsClosed(string body)
    {
        var e = await Should.ThrowAsync<CognitoException>(Client(CapturingHandler.Answer(200, body)).AdminInitiateAuthAsync("bob", "pw", default));

        e.Kind.ShouldBe(CognitoErrorKind.MalformedResponse);
        e.SurelyUnprocessed.ShouldBeFalse();
    }

    [Fact]
    public async Task Call_AnswerLargerThanCap_MalformedWithoutBufferingIt()
    {
        var huge = "{\"Users\":[" + string.Join(',', Enumerable.Repeat("{\"Username\":\"" + new string('x', 1000) + "\",\"UserStatus\":\"CONFIRMED\"}", 2000)) + "]}";

        var e = await Should.ThrowAsync<CognitoException>(Client(CapturingHandler.Answer(200, huge)).ListUsersAsync("email", "x", 2, default));

        e.Kind.ShouldBe(CognitoErrorKind.MalformedResponse);
    }

    [Fact]
    public async Task AdminGetUser_Answer_TypedUserWithAttributesInOrder()
    {
        var user = await Client(CapturingHandler.Answer(200, GetUser)).AdminGetUserAsync("bob", default);

        user.Username.ShouldBe("bob");
        user.Enabled.ShouldBeTrue();
        user.UserStatus.ShouldBe("CONFIRMED");
        user.Attributes.Select(a => a.Key).ShouldBe(["sub", "email", "email_verified", "custom:tenant"]);
        user.Attributes[3].Value.ShouldBe("acme");
    }

    [Fact]
    public async Task AdminGetUser_EnabledMissing_ReadAsDisabled()
    {
        var user = await Client(CapturingHandler.Answer(200, """{"UserStatus":"CONFIRMED","Username":"bob"}""")).AdminGetUserAsync("bob", default);

        user.Enabled.ShouldBeFalse();
        user.Attributes.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"Enabled":true,"UserStatus":"CONFIRMED"}""")]
    [InlineData("""{"Enabled":true,"Username":"bob"}""")]
    [InlineData("""{"Enabled":"yes","UserStatus":"CONFIRMED","Username":"bob"}""")]
    [InlineData("""{"Enabled":true,"UserStatus":"CONFIRMED","Username":"bob","UserAttributes":[{"Value":"x"}]}""")]
    [InlineData("""{"Enabled":true,"UserStatus":"CONFIRMED","Username":"bob","UserAttributes":{}}""")]
    public async Task AdminGetUser_Malformed200_FailsClosed(string body)
    {
        var e = await Should.ThrowAsync<CognitoException>(Client(CapturingHandler.Answer(200, body)).AdminGetUserAsync("bob", default));

        e.Kind.ShouldBe(CognitoErrorKind.MalformedResponse);
    }

    [Fact]
    public async Task ListUsers_Request_EscapedFilterAndLimit()
    {
        var handler = CapturingHandler.Answer(200, """{"Users":[{"Attributes":[{"Name":"email","Value":"a\"b@example.com"}],"Enabled":true,"UserStatus":"CONFIRMED","Username":"bob"}]}""");

        var users = await Client(handler).ListUsersAsync("email", "a\"b@example.com", 2, default);

        using var json = JsonDocument.Parse(handler.Sent[0].Body);
        json.RootElement.GetProperty("Filter").GetString().ShouldBe("email = \"a\\\"b@example.com\"");
        json.RootElement.GetProperty("Limit").GetInt32().ShouldBe(2);
        handler.Sent[0].Request.Headers.GetValues("X-Amz-Target").ShouldBe(["AWSCognitoIdentityProviderService.ListUsers"]);
        users.ShouldHaveSingleItem().Username.ShouldBe("bob");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"Users":[{"Enabled":true}]}""")]
    public async Task ListUsers_Malformed200_FailsClosed(string body)
    {
        var e = await Should.ThrowAsync<CognitoException>(Client(CapturingHandler.Answer(200, body)).ListUsersAsync("email", "x", 2, default));

        e.Kind.ShouldBe(CognitoErrorKind.MalformedResponse);
    }

    [Theory]
    [InlineData(400, """{"__type":"NotAuthorizedException","message":"Incorrect username or password."}""", null, "NotAuthorizedException", CognitoErrorKind.NotAuthorized, false)]
    [InlineData(400, """{"message":"User does not exist."}""", "UserNotFoundException:http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/", "UserNotFoundException", CognitoErrorKind.UserNotFound, false)]
    [InlineData(400, """{"__type":"com.amazonaws.cognito.identity.idp.model#TooManyRequestsException","message":"Rate exceeded"}""", null, "TooManyRequestsException", CognitoErrorKind.Throttled, true)]
    [InlineData(500, """{"__type":"InternalErrorException","message":"Internal error"}""", null, "InternalErrorException", CognitoErrorKind.ServerError, false)]
    [InlineData(502, "<html>Bad Gateway</html>", null, "", CognitoErrorKind.ServerError, false)]
    [InlineData(400, "", "ExpiredTokenException:http://internal.amazon.com/coral/", "ExpiredTokenException", CognitoErrorKind.Credentials, false)]
    [InlineData(403, """{"__type":"AccessDeniedException","Message":"User: arn:aws:sts::1:assumed-role/x is not authorized"}""", null, "AccessDeniedException", CognitoErrorKind.Credentials, false)]
    public async Task Call_ErrorAnswer_Classified(int status, string body, string? header, string code, object kind, bool surelyUnprocessed)
    {
        var e = await Should.ThrowAsync<CognitoException>(Client(CapturingHandler.Answer(status, body, header)).AdminInitiateAuthAsync("bob", "pw", default));

        e.Kind.ShouldBe((CognitoErrorKind)kind);
        e.Code.ShouldBe(code);
        e.StatusCode.ShouldBe(status);
        e.SurelyUnprocessed.ShouldBe(surelyUnprocessed);
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError, true)]
    [InlineData(HttpRequestError.NameResolutionError, true)]
    [InlineData(HttpRequestError.ResponseEnded, false)]
    [InlineData(HttpRequestError.Unknown, false)]
    public async Task Call_TransportFailure_NetworkAndSurelyUnprocessedOnlyBeforeSending(HttpRequestError error, bool surelyUnprocessed)
    {
        var handler = new CapturingHandler((_, _) => throw new HttpRequestException(error, "boom"));

        var e = await Should.ThrowAsync<CognitoException>(Client(handler).AdminGetUserAsync("bob", default));

        e.Kind.ShouldBe(CognitoErrorKind.Network);
        e.SurelyUnprocessed.ShouldBe(surelyUnprocessed);
    }

    [Fact]
    public async Task Call_ConnectionBreaksWhileReadingAnswer_NetworkNotSurelyUnprocessed()
    {
        var handler = new CapturingHandler((_, _) => Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new StreamContent(new BreakingStream()),
        }));

        var e = await Should.ThrowAsync<CognitoException>(Client(handler).AdminGetUserAsync("bob", default));

        e.Kind.ShouldBe(CognitoErrorKind.Network);
        e.SurelyUnprocessed.ShouldBeFalse();
    }

    [Fact]
    public async Task Call_NoAnswerWithinAttemptTimeout_Timeout()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new CapturingHandler(async (_, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

        var call = Client(handler).AdminGetUserAsync("bob", default);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        call.IsCompleted.ShouldBeFalse();
        _time.Advance(TimeSpan.FromSeconds(2));

        var e = await Should.ThrowAsync<CognitoException>(call);
        e.Kind.ShouldBe(CognitoErrorKind.Timeout);
        e.SurelyUnprocessed.ShouldBeFalse();
    }

    [Fact]
    public async Task Call_CallerCancels_OperationCanceledNotCognitoException()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new CapturingHandler(async (_, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var cts = new CancellationTokenSource();

        var call = Client(handler).AdminGetUserAsync("bob", cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();

        var e = await Should.ThrowAsync<OperationCanceledException>(call);
        e.ShouldNotBeOfType<CognitoException>();
    }

    [Fact]
    public async Task Call_NoCredentials_CredentialsFaultWithoutCall()
    {
        var handler = CapturingHandler.Answer(200, GetUser);
        var client = new OldPoolClient(new HttpClient(handler), Options(), new StaticCredentials(null), time: _time);

        var e = await Should.ThrowAsync<CognitoException>(client.AdminGetUserAsync("bob", default));

        e.Kind.ShouldBe(CognitoErrorKind.Credentials);
        e.SurelyUnprocessed.ShouldBeTrue();
        handler.Sent.ShouldBeEmpty();
    }

    [Fact]
    public void Options_Create_RegionFromPoolAndEndpointOverride()
    {
        var options = OldPoolOptions.Create("ap-southeast-2_Xy", "c", TimeSpan.FromSeconds(1), new Uri("http://127.0.0.1:9229"));
        var regional = OldPoolOptions.Create("ap-southeast-2_Xy", "c", TimeSpan.FromSeconds(1), endpointOverride: null);

        options.Region.ShouldBe("ap-southeast-2");
        options.Endpoint.ShouldBe(new Uri("http://127.0.0.1:9229/"));
        regional.Endpoint.ShouldBe(new Uri("https://cognito-idp.ap-southeast-2.amazonaws.com/"));
    }

    private sealed class BreakingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
    }

    private static OldPoolOptions Options() =>
        new(PoolId, ClientId, new Uri("https://cognito-idp.eu-west-1.amazonaws.com/"), "eu-west-1", TimeSpan.FromSeconds(2));

    private OldPoolClient Client(CapturingHandler handler, StaticSecret? secret = null) =>
        new(new HttpClient(handler), Options(), StaticCredentials.Session, _time, secret);
}
