using System.Text.Json.Nodes;
using AttrMapper.Demo.Stack;
using AttrMapper.LocalPeers;
using AttrMapper.LocalPeers.CognitoLocal;

namespace AttrMapper.EndToEnd.Tests.CognitoLocal;

/// <summary>
/// The old pool as the function sees it (cognito-local behind <see cref="CognitoFidelityProxy"/>) must answer the way the scripted
/// old pool does, and that one answers as Cognito does (status, __type, message). Where they agree, the demo and the tests above
/// show Cognito's behaviour, not cognito-local's.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class FidelityProxyTests(StackFixture fixture) : IAsyncLifetime
{
    private const string Password = "Fidelity-Passw0rd-1!";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private ScriptedOldPool _scripted = null!;

    public async Task InitializeAsync()
    {
        _scripted = await ScriptedOldPool.StartAsync();
        _scripted.AddUser(new FakeUser { Username = "ivy", Password = Password, Attributes = [new("email", "ivy@example.com")] });
        _scripted.AddUser(new FakeUser { Username = "jon", Password = Password, Enabled = false, Attributes = [new("email", "jon@example.com")] });
        var stack = fixture.Stack;
        if ((await stack.OldPool.CallAsync("AdminGetUser", new JsonObject { ["UserPoolId"] = LocalMigrationStack.OldUserPoolId, ["Username"] = "ivy" })).IsSuccess)
        {
            return;
        }

        await stack.AddOldUserAsync("ivy", Password, [new("email", "ivy@example.com")]);
        await stack.AddOldUserAsync("jon", Password, [new("email", "jon@example.com")], enabled: false);
    }

    public async Task DisposeAsync() => await _scripted.DisposeAsync();

    [Theory]
    [InlineData("jon", Password)]                   // disabled: cognito-local alone signs him in
    [InlineData("ivy", "not-the-password")]         // cognito-local alone: InvalidPasswordException
    [InlineData("nobody-here", Password)]           // cognito-local alone: NotAuthorizedException "User not authorized"
    [InlineData("ivy", Password)]                   // the ordinary sign-in is passed through
    public async Task AdminInitiateAuth_ThroughTheProxy_AnswersAsTheScriptedOldPool(string username, string password)
    {
        var stack = fixture.Stack;

        var local = await AdminInitiateAuthAsync(stack.OldPoolApi.Endpoint, LocalMigrationStack.OldUserPoolId, stack.OldClientId, username, password);
        var scripted = await AdminInitiateAuthAsync(_scripted.Endpoint, _scripted.UserPoolId, _scripted.ClientId, username, password);

        local.Status.ShouldBe(scripted.Status);
        local.ErrorType.ShouldBe(scripted.ErrorType);
        Message(local).ShouldBe(Message(scripted));
        (local.Body?["AuthenticationResult"] is null).ShouldBe(scripted.Body?["AuthenticationResult"] is null);
    }

    [Fact]
    public async Task AdminInitiateAuth_StraightToCognitoLocal_StillHasTheQuirksTheProxyCorrects()
    {
        // If a cognito-local upgrade fixes these, the proxy's corrections (and docs/demo.md) should shrink with it.
        var stack = fixture.Stack;

        var disabled = await AdminInitiateAuthAsync(stack.OldPool.Endpoint, LocalMigrationStack.OldUserPoolId, stack.OldClientId, "jon", Password);
        var wrong = await AdminInitiateAuthAsync(stack.OldPool.Endpoint, LocalMigrationStack.OldUserPoolId, stack.OldClientId, "ivy", "not-the-password");

        disabled.IsSuccess.ShouldBeTrue();
        wrong.ErrorType.ShouldBe("InvalidPasswordException");
    }

    private static string? Message(CognitoApiAnswer answer) => answer.Body?["message"]?.GetValue<string>();

    private static Task<CognitoApiAnswer> AdminInitiateAuthAsync(Uri endpoint, string poolId, string clientId, string username, string password) =>
        CognitoApiCall.SendAsync(Http, endpoint, "AdminInitiateAuth", new JsonObject
        {
            ["UserPoolId"] = poolId,
            ["ClientId"] = clientId,
            ["AuthFlow"] = "ADMIN_USER_PASSWORD_AUTH",
            ["AuthParameters"] = new JsonObject { ["USERNAME"] = username, ["PASSWORD"] = password },
        }, default);
}
