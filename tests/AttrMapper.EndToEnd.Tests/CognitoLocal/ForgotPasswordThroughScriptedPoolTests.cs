using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AttrMapper.LambdaHost;
using AttrMapper.LocalPeers;
using AttrMapper.Tests.Fakes;

namespace AttrMapper.EndToEnd.Tests.CognitoLocal;

/// <summary>
/// Forgot password: cognito-local's ForgotPassword never calls the UserMigration trigger, so this path goes through the Invoke API of
/// the same Lambda host and published bootstrap, with a Cognito-shaped event and the scripted old pool (which answers as Cognito does).
/// </summary>
public sealed class ForgotPasswordThroughScriptedPoolTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private ScriptedOldPool _pool = null!;
    private LocalParameterStore _store = null!;
    private LocalLambdaHost _host = null!;

    public async Task InitializeAsync()
    {
        _pool = await ScriptedOldPool.StartAsync();
        _store = await LocalParameterStore.StartAsync();
        _store.Put("/attrmapper/demo/attribute-map", StackFixture.DemoMap);
        // The demo map moves groups, which needs the function's key (DESIGN.md §3).
        _store.Put("/attrmapper/demo/function-key", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), "SecureString");
        _pool.AddUser(new FakeUser
        {
            Username = "kemal",
            Password = Events.Canary,
            Attributes = [new("sub", "5d1c0000-0000-4000-8000-00000000c0de"), new("email", "kemal@example.com"), new("email_verified", "true"), new("custom:tenant", "acme")],
        });
        _pool.AddUser(new FakeUser { Username = "lena", Password = Events.Canary, Attributes = [new("email", "lena@example.com"), new("email_verified", "false")] });
        _host = await LocalLambdaHost.StartAsync(new LambdaHostOptions
        {
            BootstrapPath = BootstrapProcess.BinaryPath,
            Environment = new Dictionary<string, string>
            {
                ["OLD_USER_POOL_ID"] = _pool.UserPoolId,
                ["OLD_CLIENT_ID"] = _pool.ClientId,
                ["MAP_PARAMETER_NAME"] = "/attrmapper/demo/attribute-map",
                ["KEY_PARAMETER"] = "/attrmapper/demo/function-key",
                ["NEW_USER_POOL_ID"] = Events.NewPool,
                ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = _pool.Endpoint.ToString(),
                ["AWS_ENDPOINT_URL_SSM"] = _store.Endpoint.ToString(),
                ["AWS_ACCESS_KEY_ID"] = "AKIALOCALTEST0000000",
                ["AWS_SECRET_ACCESS_KEY"] = "local-test-secret",
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            },
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _store.DisposeAsync();
        await _pool.DisposeAsync();
    }

    [Fact]
    public async Task ForgotPassword_VerifiedEmail_MigratedAsResetRequiredWithTheMessageSuppressed()
    {
        var (error, body) = await InvokeAsync(Events.ForgotPassword("kemal"));

        error.ShouldBeNull(body.ToJsonString());
        var response = body["response"]!;
        response["finalUserStatus"]!.GetValue<string>().ShouldBe("RESET_REQUIRED");
        response["messageAction"]!.GetValue<string>().ShouldBe("SUPPRESS");
        response["userAttributes"]!["custom:tenant_id"]!.GetValue<string>().ShouldBe("acme");
        response["userAttributes"]!["email"]!.GetValue<string>().ShouldBe("kemal@example.com");
        // The demo map moves groups: the old groups are read beside AdminGetUser (concurrently, so in either order).
        _pool.Calls.Select(c => c.Operation).ShouldBe(["AdminGetUser", "AdminListGroupsForUser"], ignoreOrder: true);
    }

    [Fact]
    public async Task ForgotPassword_OnlyAnUnverifiedEmail_Rejected()
    {
        var sent = Events.ForgotPassword("lena");

        var (error, body) = await InvokeAsync(sent);

        error.ShouldBeNull();
        JsonNode.DeepEquals(body, Events.ExpectedReject(sent)).ShouldBeTrue(body.ToJsonString());
    }

    private async Task<(string? FunctionError, JsonNode Body)> InvokeAsync(JsonObject sent)
    {
        using var content = new ByteArrayContent(Events.Bytes(sent));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync(_host.InvokeUri, content);
        response.EnsureSuccessStatusCode();
        var error = response.Headers.TryGetValues("X-Amz-Function-Error", out var values) ? values.First() : null;
        return (error, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
