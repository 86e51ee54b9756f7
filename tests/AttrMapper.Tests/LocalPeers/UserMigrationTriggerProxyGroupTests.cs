using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using AttrMapper.LocalPeers;
using AttrMapper.LocalPeers.CognitoLocal;
using Microsoft.AspNetCore.Http;

namespace AttrMapper.Tests.LocalPeers;

/// <summary>
/// cognito-local sends pre token generation an empty groupConfiguration and ignores groupOverrideDetails (DESIGN §9); through
/// <see cref="UserMigrationTriggerProxy"/> the function gets the user's groups as Cognito sends them and its override reaches the
/// ID token. A fake function answers here, so only the proxy's corrections are under test.
/// </summary>
public sealed class UserMigrationTriggerProxyGroupTests : IAsyncLifetime
{
    private const string PoolId = "eu-west-1_GroupNew1";
    private const string Password = "Passw0rd!Local";
    private const string Role = "arn:aws:iam::111122223333:role/staff";

    private readonly ConcurrentQueue<JsonObject> _events = new();
    private UserMigrationTriggerProxy _trigger = null!;
    private LoopbackServer _function = null!;
    private CognitoLocalProcess _local = null!;
    private string _clientId = null!;
    private Func<JsonObject, JsonObject> _answer = e => new JsonObject();

    public async Task InitializeAsync()
    {
        _trigger = await UserMigrationTriggerProxy.StartAsync();
        _function = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var sent = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
            _events.Enqueue(sent.DeepClone().AsObject());
            sent["response"] = _answer(sent);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(sent.ToJsonString());
        });
        _trigger.FunctionEndpoint = _function.Endpoint;
        _local = await CognitoLocalProcess.StartAsync(new CognitoLocalOptions
        {
            PackageDirectory = Path.Combine(RepoRoot(), "tools", "cognito-local"),
            OwnProcessGroup = true,
            UserPoolIds = [PoolId],
            LambdaEndpoint = _trigger.Endpoint,
            PreTokenGenerationFunction = "attrmapper",
        });
        _trigger.CognitoEndpoint = _local.Endpoint;
        _clientId = (await _local.CallAsync("CreateUserPoolClient", new JsonObject { ["UserPoolId"] = PoolId, ["ClientName"] = "app" })).Ok("CreateUserPoolClient")["UserPoolClient"]!["ClientId"]!.GetValue<string>();
        await _local.CreateUserAsync(PoolId, "zoe", Password, [KeyValuePair.Create("email", "zoe@example.com")]);
        (await _local.CallAsync("CreateGroup", new JsonObject { ["UserPoolId"] = PoolId, ["GroupName"] = "staff", ["RoleArn"] = Role, ["Precedence"] = 2 })).Ok("CreateGroup");
        (await _local.CallAsync("AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = PoolId, ["Username"] = "zoe", ["GroupName"] = "staff" })).Ok("AdminAddUserToGroup");
    }

    public async Task DisposeAsync()
    {
        await _local.DisposeAsync();
        await _function.DisposeAsync();
        await _trigger.DisposeAsync();
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AttrMapper.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private async Task<JsonObject> IdTokenClaimsAsync()
    {
        var answer = (await _local.CallAsync("AdminInitiateAuth", new JsonObject
        {
            ["UserPoolId"] = PoolId,
            ["ClientId"] = _clientId,
            ["AuthFlow"] = "ADMIN_USER_PASSWORD_AUTH",
            ["AuthParameters"] = new JsonObject { ["USERNAME"] = "zoe", ["PASSWORD"] = Password },
        })).Ok("AdminInitiateAuth");
        return ScriptedOldPool.DecodeTokenPayload(answer["AuthenticationResult"]!["IdToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task PreTokenGeneration_GroupOverride_EventHasTheGroupsAndTheTokenTheOverride()
    {
        _answer = sent => new JsonObject
        {
            ["claimsOverrideDetails"] = new JsonObject
            {
                ["groupOverrideDetails"] = new JsonObject
                {
                    ["groupsToOverride"] = new JsonArray([.. sent["request"]!["groupConfiguration"]!["groupsToOverride"]!.AsArray().Select(g => g!.DeepClone()), "admins"]),
                    ["iamRolesToOverride"] = new JsonArray(),
                    ["preferredRole"] = null,
                },
            },
        };

        var claims = await IdTokenClaimsAsync();

        var sent = _events.ShouldHaveSingleItem();
        sent["triggerSource"]!.GetValue<string>().ShouldBe("TokenGeneration_Authentication");
        var groups = sent["request"]!["groupConfiguration"]!;
        groups["groupsToOverride"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["staff"]);
        groups["iamRolesToOverride"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe([Role]);
        groups["preferredRole"]!.GetValue<string>().ShouldBe(Role);
        claims["cognito:groups"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["staff", "admins"]);
    }

    [Fact]
    public async Task PreTokenGeneration_NoOverride_TokenKeepsTheUsersGroups()
    {
        var claims = await IdTokenClaimsAsync();

        claims["cognito:groups"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["staff"]);
    }

    [Fact]
    public async Task PreTokenGeneration_EmptyOverride_NoGroupsClaim()
    {
        _answer = _ => new JsonObject
        {
            ["claimsOverrideDetails"] = new JsonObject { ["groupOverrideDetails"] = new JsonObject { ["groupsToOverride"] = new JsonArray() } },
        };

        var claims = await IdTokenClaimsAsync();

        claims.ContainsKey("cognito:groups").ShouldBeFalse();
    }
}
