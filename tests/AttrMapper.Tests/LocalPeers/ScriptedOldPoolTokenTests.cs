using System.Text.Json.Nodes;
using AttrMapper.LocalPeers;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.LocalPeers;

/// <summary>The scripted pool's sign-in tokens and app clients, over HTTP as a client sends them.</summary>
public sealed class ScriptedOldPoolTokenTests : IAsyncLifetime
{
    private const string OldPool = "eu-west-1_OldPool17";
    private const string NewPool = "eu-west-1_NewPool17";
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private readonly FakeTimeProvider _time = new(Start);
    private ScriptedOldPool _pool = null!;
    private CognitoWire _wire = null!;

    public async Task InitializeAsync()
    {
        _pool = await ScriptedOldPool.StartAsync(OldPool, "5oldclient", time: _time);
        _wire = new CognitoWire(_pool.Endpoint);
        _pool.AddUser(new FakeUser
        {
            Username = "bob",
            Password = "pw",
            Attributes =
            [
                new("sub", "0f1e"), new("email", "bob@example.com"), new("email_verified", "true"), new("given_name", "Bob"),
                new("phone_number", "+447700900123"), new("phone_number_verified", "false"), new("updated_at", "1700000000"),
                new("custom:tenant", "acme"), new("custom:score", "42"), new("address", "1 Main St"),
            ],
        });
        _pool.AddUser(new FakeUser { Username = "carl", Password = "pw", Attributes = [new("sub", "c4r1"), new("email", "carl@example.com")] });
        _pool.CreateGroups(null, "staff", "admins");
        _pool.AddUserToGroup("bob", "staff");
        _pool.AddUserToGroup("bob", "admins");
    }

    public async Task DisposeAsync()
    {
        _wire.Dispose();
        await _pool.DisposeAsync();
    }

    private Task<WireAnswer> SignInAsync(string username, string pool = OldPool, string client = "5oldclient") =>
        _wire.CallAsync("AdminInitiateAuth", new JsonObject
        {
            ["UserPoolId"] = pool,
            ["ClientId"] = client,
            ["AuthFlow"] = "ADMIN_USER_PASSWORD_AUTH",
            ["AuthParameters"] = new JsonObject { ["USERNAME"] = username, ["PASSWORD"] = "pw" },
        });

    [Fact]
    public async Task AdminInitiateAuth_Success_IdTokenCarriesClaimsTypedAsCognitoWritesThem()
    {
        var answer = await SignInAsync("bob");

        answer.Status.ShouldBe(200);
        var result = answer.Body!["AuthenticationResult"]!;
        result["AccessToken"]!.GetValue<string>().ShouldStartWith("eyJ");
        var idToken = result["IdToken"]!.GetValue<string>();
        idToken.Split('.').Length.ShouldBe(3);
        idToken.ShouldNotContain("=");
        JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(idToken.Split('.')[0]))!["alg"]!.GetValue<string>().ShouldBe("RS256");
        var claims = ScriptedOldPool.DecodeTokenPayload(idToken);
        claims["sub"]!.GetValue<string>().ShouldBe("0f1e");
        claims["cognito:groups"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["admins", "staff"]);
        claims["email_verified"]!.GetValue<bool>().ShouldBeTrue();
        claims["phone_number_verified"]!.GetValue<bool>().ShouldBeFalse();
        claims["updated_at"]!.GetValue<long>().ShouldBe(1_700_000_000);
        claims["custom:score"]!.GetValue<string>().ShouldBe("42");
        claims["custom:tenant"]!.GetValue<string>().ShouldBe("acme");
        claims["given_name"]!.GetValue<string>().ShouldBe("Bob");
        claims["address"]!["formatted"]!.GetValue<string>().ShouldBe("1 Main St");
        claims["iss"]!.GetValue<string>().ShouldBe("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_OldPool17");
        claims["cognito:username"]!.GetValue<string>().ShouldBe("bob");
        claims["aud"]!.GetValue<string>().ShouldBe("5oldclient");
        claims["token_use"]!.GetValue<string>().ShouldBe("id");
        claims["auth_time"]!.GetValue<long>().ShouldBe(1_700_000_000);
        claims["iat"]!.GetValue<long>().ShouldBe(1_700_000_000);
        claims["exp"]!.GetValue<long>().ShouldBe(1_700_003_600);
        foreach (var name in new[] { "origin_jti", "event_id", "jti" })
        {
            Guid.TryParse(claims[name]!.GetValue<string>(), out _).ShouldBeTrue(name);
        }
    }

    [Fact]
    public async Task AdminInitiateAuth_UserWithoutGroups_NoGroupsClaim()
    {
        var claims = ScriptedOldPool.DecodeTokenPayload((await SignInAsync("carl")).Body!["AuthenticationResult"]!["IdToken"]!.GetValue<string>());

        claims.ContainsKey("cognito:groups").ShouldBeFalse();
        claims["email"]!.GetValue<string>().ShouldBe("carl@example.com");
    }

    [Fact]
    public async Task AdminInitiateAuth_ClientReadsSomeAttributes_OnlyThoseAndSubInTheToken()
    {
        _pool.OldClient.ReadAttributes = ["email", "email_verified", "custom:tenant"];

        var claims = ScriptedOldPool.DecodeTokenPayload((await SignInAsync("bob")).Body!["AuthenticationResult"]!["IdToken"]!.GetValue<string>());

        claims.Select(c => c.Key).Where(k => !k.StartsWith("cognito:", StringComparison.Ordinal))
            .Except(["iss", "origin_jti", "aud", "event_id", "token_use", "auth_time", "exp", "iat", "jti"])
            .Order(StringComparer.Ordinal)
            .ShouldBe(["custom:tenant", "email", "email_verified", "sub"]);
    }

    [Fact]
    public async Task DescribeUserPoolClient_ReadAndWriteAttributes_AsSet()
    {
        _pool.OldClient.ReadAttributes = ["email"];
        _pool.AddPool(NewPool);
        _pool.AddAppClient(new FakeAppClient { ClientId = "newclient", ClientName = "web", WriteAttributes = ["email", "custom:pending_groups"] }, NewPool);

        var old = await _wire.CallAsync("DescribeUserPoolClient", new JsonObject { ["UserPoolId"] = OldPool, ["ClientId"] = "5oldclient" });
        var fresh = await _wire.CallAsync("DescribeUserPoolClient", new JsonObject { ["UserPoolId"] = NewPool, ["ClientId"] = "newclient" });
        var missing = await _wire.CallAsync("DescribeUserPoolClient", new JsonObject { ["UserPoolId"] = NewPool, ["ClientId"] = "5oldclient" });
        var list = await _wire.CallAsync("ListUserPoolClients", new JsonObject { ["UserPoolId"] = NewPool, ["MaxResults"] = 60 });

        old.Body!["UserPoolClient"]!["ReadAttributes"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["email"]);
        old.Body["UserPoolClient"]!.AsObject().ContainsKey("WriteAttributes").ShouldBeFalse();
        fresh.Body!["UserPoolClient"]!["WriteAttributes"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["email", "custom:pending_groups"]);
        fresh.Body["UserPoolClient"]!["UserPoolId"]!.GetValue<string>().ShouldBe(NewPool);
        missing.Type.ShouldBe("ResourceNotFoundException");
        missing.Message.ShouldBe("User pool client 5oldclient does not exist.");
        list.Body!["UserPoolClients"]!.AsArray().Select(c => c!["ClientId"]!.GetValue<string>()).ShouldBe(["newclient"]);
    }

    [Fact]
    public async Task UpdateUserAttributes_OwnAccessToken_WritesWhatTheClientMayWrite()
    {
        _pool.AddPool(NewPool);
        _pool.SetSchema(NewPool, [("email", "String", true, 2048), ("custom:pending_groups", "String", true, 2048)]);
        _pool.AddAppClient(new FakeAppClient { ClientId = "newclient", WriteAttributes = ["custom:pending_groups"] }, NewPool);
        _pool.AddPoolUser(NewPool, new FakeUser { Username = "mallory", Password = "pw", Attributes = [new("email", "m@example.com")] });
        var access = (await SignInAsync("mallory", NewPool, "newclient")).Body!["AuthenticationResult"]!["AccessToken"]!.GetValue<string>();

        var written = await _wire.CallAsync("UpdateUserAttributes", new JsonObject
        {
            ["AccessToken"] = access,
            ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = "custom:pending_groups", ["Value"] = "v1.forged.tag" }),
        }, signed: false);
        var refused = await _wire.CallAsync("UpdateUserAttributes", new JsonObject
        {
            ["AccessToken"] = access,
            ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = "email", ["Value"] = "x@example.com" }),
        }, signed: false);
        _time.Advance(TimeSpan.FromHours(1));
        var expired = await _wire.CallAsync("UpdateUserAttributes", new JsonObject
        {
            ["AccessToken"] = access,
            ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = "custom:pending_groups", ["Value"] = "v1.again.tag" }),
        }, signed: false);

        written.Status.ShouldBe(200);
        written.Body!["CodeDeliveryDetailsList"]!.AsArray().ShouldBeEmpty();
        refused.Type.ShouldBe("NotAuthorizedException");
        refused.Message.ShouldBe("A client attempted to write unauthorized attribute");
        expired.Type.ShouldBe("NotAuthorizedException");
        expired.Message.ShouldBe("Access Token has expired");
        _pool.FindUser("mallory", NewPool)!.Attributes.ShouldBe([new("email", "m@example.com"), new("custom:pending_groups", "v1.forged.tag")]);
    }

    [Fact]
    public async Task UpdateUserAttributes_ForgedToken_NotAuthorized()
    {
        var forged = "eyJhbGciOiJub25lIn0." + System.Buffers.Text.Base64Url.EncodeToString("""{"jti":"made-up"}"""u8) + ".c2ln";

        var answer = await _wire.CallAsync("UpdateUserAttributes", new JsonObject
        {
            ["AccessToken"] = forged,
            ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = "email", ["Value"] = "x@example.com" }),
        }, signed: false);

        answer.Status.ShouldBe(400);
        answer.Type.ShouldBe("NotAuthorizedException");
        answer.Message.ShouldBe("Invalid Access Token");
    }
}
