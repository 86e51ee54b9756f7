using System.Net;
using System.Net.Sockets;
using AttrMapper.Cognito;
using AttrMapper.LocalPeers;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Cognito;

/// <summary>The real client over real HTTP against the scripted fake that answers like Cognito.</summary>
public sealed class OldPoolClientLoopbackTests : IAsyncLifetime
{
    private const string PoolId = "eu-west-1_OldPool1";
    private const string ClientId = "oldclient123";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(1) };
    private ScriptedOldPool _pool = null!;

    public async Task InitializeAsync()
    {
        _pool = await ScriptedOldPool.StartAsync(PoolId, ClientId);
        _pool.AddUser(new FakeUser
        {
            Username = "bob",
            Password = "Correct-Horse-1",
            Attributes = [new("sub", "0f1e"), new("email", "bob@example.com"), new("email_verified", "true"), new("custom:tenant", "acme")],
        });
        _pool.AddUser(new FakeUser { Username = "dora", Password = "pw-dora", Enabled = false });
        _pool.AddUser(new FakeUser { Username = "una", Password = "pw-una", Status = "UNCONFIRMED" });
        _pool.AddUser(new FakeUser { Username = "rita", Password = "pw-rita", Status = "RESET_REQUIRED" });
        _pool.AddUser(new FakeUser { Username = "fred", Password = "pw-fred", Status = "FORCE_CHANGE_PASSWORD" });
        _pool.AddUser(new FakeUser { Username = "mfa", Password = "pw-mfa", ChallengeAfterPassword = "SMS_MFA" });
        _pool.AddUser(new FakeUser { Username = "quote", Password = "pw", Attributes = [new("email", "a\"b\\c@example.com")] });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _pool.DisposeAsync();
    }

    [Fact]
    public async Task SignInThenGetUser_GoodPassword_TwoSignedCalls()
    {
        var client = Client();

        var auth = await client.AdminInitiateAuthAsync("bob", "Correct-Horse-1", default);
        var user = await client.AdminGetUserAsync("bob", default);

        auth.Authenticated.ShouldBeTrue();
        auth.ChallengeName.ShouldBeNull();
        user.Attributes.ShouldContain(new KeyValuePair<string, string>("custom:tenant", "acme"));
        // The sign-in's own ID token, decoded in the client: the same attribute as AdminGetUser's, no second call needed.
        auth.IdToken.ShouldNotBeNull().Attributes.ShouldContain(new KeyValuePair<string, string>("custom:tenant", "acme"));
        _pool.Calls.Select(c => c.Operation).ShouldBe(["AdminInitiateAuth", "AdminGetUser"]);
        _pool.Calls.ShouldAllBe(c => c.HadAuthorization && c.HadSecurityToken && !c.HadSecretHash);
        _pool.Calls[0].Authorization!.ShouldContain("/eu-west-1/cognito-idp/aws4_request");
    }

    [Theory]
    [InlineData("bob", "wrong", CognitoErrorKind.NotAuthorized, "NotAuthorizedException")]
    [InlineData("nobody", "x", CognitoErrorKind.UserNotFound, "UserNotFoundException")]
    [InlineData("dora", "pw-dora", CognitoErrorKind.NotAuthorized, "NotAuthorizedException")]
    [InlineData("una", "pw-una", CognitoErrorKind.UserNotConfirmed, "UserNotConfirmedException")]
    [InlineData("rita", "pw-rita", CognitoErrorKind.PasswordResetRequired, "PasswordResetRequiredException")]
    public async Task AdminInitiateAuth_Refusals_ClassifiedOneCallEach(string user, string password, object kind, string code)
    {
        var e = await Should.ThrowAsync<CognitoException>(Client().AdminInitiateAuthAsync(user, password, default));

        e.Kind.ShouldBe((CognitoErrorKind)kind);
        e.Code.ShouldBe(code);
        e.StatusCode.ShouldBe(400);
        _pool.CallCount("AdminInitiateAuth").ShouldBe(1);
    }

    [Theory]
    [InlineData("fred", "pw-fred", "NEW_PASSWORD_REQUIRED")]
    [InlineData("mfa", "pw-mfa", "SMS_MFA")]
    public async Task AdminInitiateAuth_Challenge_Surfaced(string user, string password, string challenge)
    {
        var result = await Client().AdminInitiateAuthAsync(user, password, default);

        result.ShouldBe(new AuthResult(false, challenge));
    }

    [Fact]
    public async Task AdminInitiateAuth_ClientWithSecret_FakeAcceptsOurSecretHash()
    {
        await using var pool = await ScriptedOldPool.StartAsync(PoolId, ClientId, clientSecret: "the-client-secret");
        pool.AddUser(new FakeUser { Username = "bob", Password = "pw" });

        var result = await Client(pool, new StaticSecret("the-client-secret")).AdminInitiateAuthAsync("bob", "pw", default);
        var wrong = await Should.ThrowAsync<CognitoException>(Client(pool, new StaticSecret("other-secret")).AdminInitiateAuthAsync("bob", "pw", default));

        result.Authenticated.ShouldBeTrue();
        pool.Calls.ShouldAllBe(c => c.HadSecretHash);
        wrong.Kind.ShouldBe(CognitoErrorKind.NotAuthorized);
    }

    [Fact]
    public async Task Scripted_ThrottleThenSuccess_ThrottledIsSurelyUnprocessedAndNextAttemptWorks()
    {
        _pool.Script("AdminInitiateAuth", "bob", ScriptedAnswer.Throttled(), ScriptedAnswer.FromUsers);
        var client = Client();

        var e = await Should.ThrowAsync<CognitoException>(client.AdminInitiateAuthAsync("bob", "Correct-Horse-1", default));
        var second = await client.AdminInitiateAuthAsync("bob", "Correct-Horse-1", default);

        e.Kind.ShouldBe(CognitoErrorKind.Throttled);
        e.SurelyUnprocessed.ShouldBeTrue();
        second.Authenticated.ShouldBeTrue();
        _pool.CallCount("AdminInitiateAuth").ShouldBe(2);
    }

    [Fact]
    public async Task Scripted_InternalError_ServerErrorNotSurelyUnprocessed()
    {
        _pool.Script("AdminGetUser", null, ScriptedAnswer.InternalError());

        var e = await Should.ThrowAsync<CognitoException>(Client().AdminGetUserAsync("bob", default));

        e.Kind.ShouldBe(CognitoErrorKind.ServerError);
        e.StatusCode.ShouldBe(500);
        e.SurelyUnprocessed.ShouldBeFalse();
    }

    [Fact]
    public async Task Scripted_ProxyHtml502_ServerError()
    {
        _pool.Script("AdminGetUser", null, ScriptedAnswer.Raw(502, "<html><body>502 Bad Gateway</body></html>"));

        var e = await Should.ThrowAsync<CognitoException>(Client().AdminGetUserAsync("bob", default));

        e.Kind.ShouldBe(CognitoErrorKind.ServerError);
    }

    [Fact]
    public async Task Scripted_Hang_TimeoutAfterAttemptTimeout()
    {
        _pool.Script("AdminInitiateAuth", null, ScriptedAnswer.Hang());

        var call = Client().AdminInitiateAuthAsync("bob", "Correct-Horse-1", default);
        await _pool.WaitForCallAsync().WaitAsync(TimeSpan.FromSeconds(30));
        call.IsCompleted.ShouldBeFalse();
        _time.Advance(TimeSpan.FromSeconds(2));

        var e = await Should.ThrowAsync<CognitoException>(call.WaitAsync(TimeSpan.FromSeconds(30)));
        e.Kind.ShouldBe(CognitoErrorKind.Timeout);
        e.SurelyUnprocessed.ShouldBeFalse();
    }

    [Fact]
    public async Task Scripted_ConnectionDropped_NetworkNotSurelyUnprocessed()
    {
        _pool.Script("AdminGetUser", null, ScriptedAnswer.Drop());

        var e = await Should.ThrowAsync<CognitoException>(Client().AdminGetUserAsync("bob", default));

        e.Kind.ShouldBe(CognitoErrorKind.Network);
        e.SurelyUnprocessed.ShouldBeFalse();
    }

    [Fact]
    public async Task Call_ConnectionRefused_NetworkSurelyUnprocessed()
    {
        // Bound but not listening: a connection is refused, and no other process can take the port while the test runs
        // (a port freed and then reused could be listened on by someone else in between).
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ExclusiveAddressUse = true };
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)bound.LocalEndPoint!).Port;

        var options = new OldPoolOptions(PoolId, ClientId, new Uri($"http://127.0.0.1:{port}/"), "eu-west-1", TimeSpan.FromSeconds(10));
        var client = new OldPoolClient(_http, options, StaticCredentials.Session, time: _time);

        var e = await Should.ThrowAsync<CognitoException>(client.AdminGetUserAsync("bob", default));

        e.Kind.ShouldBe(CognitoErrorKind.Network);
        e.SurelyUnprocessed.ShouldBeTrue();
    }

    [Fact]
    public async Task ListUsers_ValueWithQuoteAndBackslash_FakeParsesEscapedFilterAndFindsUser()
    {
        var users = await Client().ListUsersAsync("email", "a\"b\\c@example.com", 2, default);

        users.ShouldHaveSingleItem().Username.ShouldBe("quote");
        _pool.Calls.Single().Filter.ShouldBe("email = \"a\\\"b\\\\c@example.com\"");
    }

    [Fact]
    public async Task ListUsers_NoMatch_Empty()
    {
        var users = await Client().ListUsersAsync("email", "nobody@example.com", 2, default);

        users.ShouldBeEmpty();
    }

    [Fact]
    public async Task Call_WrongPool_ConfigurationFault()
    {
        var options = new OldPoolOptions("eu-west-1_Other", ClientId, _pool.Endpoint, "eu-west-1", TimeSpan.FromSeconds(10));

        var e = await Should.ThrowAsync<CognitoException>(new OldPoolClient(_http, options, StaticCredentials.Session, time: _time).AdminGetUserAsync("bob", default));

        e.Kind.ShouldBe(CognitoErrorKind.Configuration);
    }

    private OldPoolClient Client(ScriptedOldPool? pool = null, StaticSecret? secret = null)
    {
        var p = pool ?? _pool;
        return new OldPoolClient(_http, new OldPoolOptions(p.UserPoolId, p.ClientId, p.Endpoint, "eu-west-1", TimeSpan.FromSeconds(2)),
            StaticCredentials.Session, _time, secret);
    }
}
