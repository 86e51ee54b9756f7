using AttrMapper.Cognito;
using AttrMapper.LocalPeers;
using AttrMapper.Parameters;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Cognito;

/// <summary>
/// Distinctive values sent or received on every error path must never show up in an exception's text (message, inner
/// exceptions, ToString) nor in a result's ToString — even when the upstream echoes them back.
/// </summary>
public sealed class CanaryTests : IAsyncLifetime
{
    private const string Password = "CanaryPassw0rd-7f3e";
    private const string Secret = "CanarySecret-91ab";
    private const string AttributeValue = "canary-attr-value-55d1";
    private const string Token = "CanaryToken-e2c4";

    private static readonly string SecretHashValue = SecretHash.Compute("bob", "oldclient123", Secret);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HttpClient _http = new();
    private ScriptedOldPool _pool = null!;

    public static TheoryData<string, string> EchoingAnswers() => new()
    {
        { "error-message", $$"""{"__type":"NotAuthorizedException","message":"Incorrect password {{Password}} {{Secret}} {{AttributeValue}}"}""" },
        { "error-type", $$"""{"__type":"{{Password}}#{{AttributeValue}}","message":"x"}""" },
        { "malformed-200", $$"""{"AuthenticationResult":{"AccessToken":{{Token}} {{Password}}""" },
        { "wrong-shape-200", $$"""{"AuthenticationResult":"{{Token}}","Echo":"{{Password}}"}""" },
        { "html-500", $"<html>{Password} {Secret} {AttributeValue}</html>" },
    };

    public async Task InitializeAsync()
    {
        _pool = await ScriptedOldPool.StartAsync("eu-west-1_OldPool1", "oldclient123", clientSecret: Secret);
        _pool.AddUser(new FakeUser { Username = "bob", Password = Password, Attributes = [new("custom:secret_attr", AttributeValue)] });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _pool.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(EchoingAnswers))]
    public async Task AdminInitiateAuth_UpstreamEchoesSecrets_ExceptionTextClean(string name, string body)
    {
        var status = name.StartsWith("error", StringComparison.Ordinal) ? 400 : name.StartsWith("html", StringComparison.Ordinal) ? 500 : 200;
        _pool.Script("AdminInitiateAuth", null, ScriptedAnswer.Raw(status, body, "application/x-amz-json-1.1"));

        var e = await Should.ThrowAsync<CognitoException>(Client().AdminInitiateAuthAsync("bob", Password, default));

        AssertClean(e);
    }

    [Theory]
    [MemberData(nameof(EchoingAnswers))]
    public async Task AdminGetUser_UpstreamEchoesSecrets_ExceptionTextClean(string name, string body)
    {
        var status = name.StartsWith("error", StringComparison.Ordinal) ? 400 : name.StartsWith("html", StringComparison.Ordinal) ? 500 : 200;
        _pool.Script("AdminGetUser", null, ScriptedAnswer.Raw(status, body, "application/x-amz-json-1.1"));

        var e = await Should.ThrowAsync<CognitoException>(Client().AdminGetUserAsync("bob", default));

        AssertClean(e);
    }

    [Fact]
    public async Task TransportFailures_ExceptionTextClean()
    {
        _pool.Script("AdminInitiateAuth", null, ScriptedAnswer.Drop());
        AssertClean(await Should.ThrowAsync<CognitoException>(Client().AdminInitiateAuthAsync("bob", Password, default)));

        _pool.Script("AdminInitiateAuth", null, ScriptedAnswer.Hang());
        var call = Client().AdminInitiateAuthAsync("bob", Password, default);
        await _pool.WaitForCallAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _pool.WaitForCallAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(5));
        AssertClean(await Should.ThrowAsync<CognitoException>(call));
    }

    [Fact]
    public async Task Results_ToString_CarryNoAttributeValues()
    {
        var client = Client();
        var auth = await client.AdminInitiateAuthAsync("bob", Password, default);
        var user = await client.AdminGetUserAsync("bob", default);
        var listed = await client.ListUsersAsync("custom:secret_attr", AttributeValue, 2, default);

        foreach (var text in new[] { auth.ToString(), user.ToString(), listed.Single().ToString(), new ParameterValue(Secret, 3).ToString() })
        {
            text.ShouldNotContain(AttributeValue);
            text.ShouldNotContain(Password);
            text.ShouldNotContain(Secret);
        }
    }

    // An ID token whose claims and signature carry canaries: whatever the client makes of it, neither reaches any text.
    private static string CanaryIdToken(string payloadJson) =>
        $"{B64("{\"alg\":\"RS256\"}")}.{B64(payloadJson)}.{B64(Token + "-signature")}";

    private static string B64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static TheoryData<string, string> TokenPayloads() => new()
    {
        { "readable", $$"""{"token_use":"id","custom:secret_attr":"{{AttributeValue}}","cognito:groups":["{{AttributeValue}}"]}""" },
        { "unreadable-claim", $$"""{"token_use":"id","custom:secret_attr":"{{AttributeValue}}","n":1.5}""" },
        { "not-json", $"{{{AttributeValue}" },
    };

    [Theory]
    [MemberData(nameof(TokenPayloads))]
    public async Task AdminInitiateAuth_IdTokenWithCanaries_ResultTextClean(string name, string payload)
    {
        var body = $$$"""{"AuthenticationResult":{"AccessToken":"{{{Token}}}-access","IdToken":"{{{CanaryIdToken(payload)}}}","RefreshToken":"{{{Token}}}-refresh"}}""";
        _pool.Script("AdminInitiateAuth", null, ScriptedAnswer.Raw(200, body, "application/x-amz-json-1.1"));

        var auth = await Client().AdminInitiateAuthAsync("bob", Password, default);

        (auth.IdToken is not null).ShouldBe(name == "readable");
        var text = auth.ToString();
        text.ShouldNotContain(AttributeValue);
        text.ShouldNotContain(Token);
    }

    [Fact]
    public async Task AdminInitiateAuth_IdTokenWithoutAccessToken_ExceptionTextClean()
    {
        var payload = $$"""{"token_use":"id","custom:secret_attr":"{{AttributeValue}}"}""";
        var body = $$$"""{"AuthenticationResult":{"IdToken":"{{{CanaryIdToken(payload)}}}"}}""";
        _pool.Script("AdminInitiateAuth", null, ScriptedAnswer.Raw(200, body, "application/x-amz-json-1.1"));

        AssertClean(await Should.ThrowAsync<CognitoException>(Client().AdminInitiateAuthAsync("bob", Password, default)));
    }

    [Fact]
    public async Task SecretUnavailable_ExceptionTextClean()
    {
        var client = new OldPoolClient(_http, Options(), StaticCredentials.Session, _time, new StaticSecret(null));

        AssertClean(await Should.ThrowAsync<CognitoException>(client.AdminInitiateAuthAsync("bob", Password, default)));
    }

    private static void AssertClean(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            foreach (var text in new[] { x.Message, x.ToString() })
            {
                text.ShouldNotContain(Password);
                text.ShouldNotContain(Secret);
                text.ShouldNotContain(SecretHashValue);
                text.ShouldNotContain(AttributeValue);
                text.ShouldNotContain(Token);
                text.ShouldNotContain("Incorrect password");
            }
        }
    }

    private OldPoolOptions Options() => new(_pool.UserPoolId, _pool.ClientId, _pool.Endpoint, "eu-west-1", TimeSpan.FromSeconds(5));

    private OldPoolClient Client() => new(_http, Options(), StaticCredentials.Session, _time, new StaticSecret(Secret));
}
