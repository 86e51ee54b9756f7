using System.Text.Json.Nodes;
using AttrMapper.LocalPeers;
using AttrMapper.LocalPeers.CognitoLocal;
using AttrMapper.Tests.Cognito;

namespace AttrMapper.Tests.LocalPeers;

/// <summary>
/// cognito-local's ID token carries only email, email_verified, custom attributes and cognito:groups (DESIGN §9); through
/// <see cref="CognitoFidelityProxy"/> it carries the user's claims as the scripted pool (and Cognito) writes them.
/// </summary>
public sealed class CognitoFidelityProxyIdTokenTests(CognitoLocalFixture local) : IClassFixture<CognitoLocalFixture>, IAsyncLifetime
{
    private static readonly (string Name, string Value)[] Attributes =
    [
        ("email", "gwen@example.com"), ("email_verified", "true"), ("given_name", "Gwen"), ("phone_number", "+447700900123"),
        ("phone_number_verified", "false"), ("address", "1 Main St"), ("custom:tenant", "acme"),
    ];

    private CognitoFidelityProxy _proxy = null!;
    private ScriptedOldPool _scripted = null!;
    private CognitoWire _wire = null!;

    public async Task InitializeAsync()
    {
        _proxy = await CognitoFidelityProxy.StartAsync(local.Endpoint);
        _scripted = await ScriptedOldPool.StartAsync();
        _wire = new CognitoWire(_proxy.Endpoint);
        await local.CreateUserAsync("gwen", Attributes);
        _scripted.AddUser(new FakeUser { Username = "gwen", Password = CognitoLocalFixture.Password, Attributes = [.. Attributes.Select(a => KeyValuePair.Create(a.Name, a.Value))] });
    }

    public async Task DisposeAsync()
    {
        _wire.Dispose();
        await _proxy.DisposeAsync();
        await _scripted.DisposeAsync();
    }

    private static async Task<JsonObject> IdTokenClaimsAsync(CognitoWire wire, string poolId, string clientId)
    {
        var answer = await wire.CallAsync("AdminInitiateAuth", new JsonObject
        {
            ["UserPoolId"] = poolId,
            ["ClientId"] = clientId,
            ["AuthFlow"] = "ADMIN_USER_PASSWORD_AUTH",
            ["AuthParameters"] = new JsonObject { ["USERNAME"] = "gwen", ["PASSWORD"] = CognitoLocalFixture.Password },
        });
        answer.Status.ShouldBe(200, answer.Text);
        return ScriptedOldPool.DecodeTokenPayload(answer.Body!["AuthenticationResult"]!["IdToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdminInitiateAuth_ThroughTheProxy_IdTokenClaimsAsTheScriptedPoolWritesThem()
    {
        using var scriptedWire = new CognitoWire(_scripted.Endpoint);

        var corrected = await IdTokenClaimsAsync(_wire, local.UserPoolId, local.ClientId);
        var scripted = await IdTokenClaimsAsync(scriptedWire, _scripted.UserPoolId, _scripted.ClientId);

        foreach (var (name, _) in Attributes)
        {
            corrected[name]?.ToJsonString().ShouldBe(scripted[name]!.ToJsonString(), name);
        }

        corrected["address"]!["formatted"]!.GetValue<string>().ShouldBe("1 Main St");
        corrected["phone_number_verified"]!.GetValue<bool>().ShouldBeFalse();
        corrected.ContainsKey(CognitoFidelityProxy.UsernamePseudoAttribute).ShouldBeFalse();
        corrected["cognito:username"]!.GetValue<string>().ShouldBe("gwen");
        _proxy.Corrections.ShouldBeGreaterThan(0);
    }
}
