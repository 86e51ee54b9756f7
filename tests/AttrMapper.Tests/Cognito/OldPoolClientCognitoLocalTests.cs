using AttrMapper.Cognito;

namespace AttrMapper.Tests.Cognito;

/// <summary>
/// The real client against cognito-local for the flows it implements faithfully. Its quirks (wrong password answered as
/// InvalidPasswordException, unknown user at sign-in as NotAuthorizedException) are only asserted to fail, never as truth.
/// </summary>
public sealed class OldPoolClientCognitoLocalTests(CognitoLocalFixture local) : IClassFixture<CognitoLocalFixture>
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task AdminInitiateAuth_RightPassword_Authenticated()
    {
        var result = await Client().AdminInitiateAuthAsync("alice", CognitoLocalFixture.Password, default);

        result.Authenticated.ShouldBeTrue();
        result.ChallengeName.ShouldBeNull();
        // cognito-local's own token (no fidelity proxy here) still decodes: email is one of the claims it carries.
        result.IdToken.ShouldNotBeNull().Attributes.ShouldContain(a => a.Key == "email");
    }

    [Fact]
    public async Task AdminInitiateAuth_WrongPassword_Fails()
    {
        // Real Cognito: NotAuthorizedException. cognito-local: InvalidPasswordException. Only "it fails" is shared.
        await Should.ThrowAsync<CognitoException>(Client().AdminInitiateAuthAsync("alice", "not-the-password", default));
    }

    [Fact]
    public async Task AdminGetUser_Existing_StatusAndAttributes()
    {
        var user = await Client().AdminGetUserAsync("alice", default);

        user.Username.ShouldBe("alice");
        user.Enabled.ShouldBeTrue();
        user.UserStatus.ShouldBe("CONFIRMED");
        user.Attributes.ShouldContain(new KeyValuePair<string, string>("email", "alice@example.com"));
        user.Attributes.ShouldContain(new KeyValuePair<string, string>("custom:tenant", "acme"));
        user.Attributes.ShouldContain(a => a.Key == "sub");
    }

    [Fact]
    public async Task AdminGetUser_Unknown_UserNotFound()
    {
        var e = await Should.ThrowAsync<CognitoException>(Client().AdminGetUserAsync("nobody", default));

        e.Kind.ShouldBe(CognitoErrorKind.UserNotFound);
    }

    [Fact]
    public async Task ListUsers_ByEmail_ExactlyOne()
    {
        var users = await Client().ListUsersAsync("email", "alice@example.com", 2, default);

        users.ShouldHaveSingleItem().Username.ShouldBe("alice");
    }

    [Fact]
    public async Task ListUsers_NoMatch_Empty()
    {
        var users = await Client().ListUsersAsync("email", "nobody@example.com", 2, default);

        users.ShouldBeEmpty();
    }

    private OldPoolClient Client() => new(
        Http,
        new OldPoolOptions(local.UserPoolId, local.ClientId, local.Endpoint, local.Region, TimeSpan.FromSeconds(10)),
        StaticCredentials.Session,
        time: TimeProvider.System);
}
