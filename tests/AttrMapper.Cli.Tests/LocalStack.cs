using System.Text.Json.Nodes;
using AttrMapper.LocalPeers;
using AttrMapper.Tests.Cognito;

namespace AttrMapper.Cli.Tests;

/// <summary>
/// cognito-local with an old pool (alice, bob, carol) and a new pool whose schema has custom:tenant_id (mutable, 64) and
/// custom:plan (immutable, 8), where bob already exists; plus a local Parameter Store. Started once for the collection.
/// </summary>
public sealed class LocalStack : IAsyncLifetime
{
    public CognitoLocalFixture Cognito { get; } = new();

    public LocalParameterStore Parameters { get; private set; } = null!;

    public string OldPoolId => Cognito.UserPoolId;

    public string NewPoolId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Cognito.InitializeAsync();
        Parameters = await LocalParameterStore.StartAsync();
        await Cognito.CreateUserAsync("bob", [("email", "bob@example.com"), ("email_verified", "true"), ("custom:tenant", "globex")]);
        await Cognito.CreateUserAsync("carol", [("email", "carol@example.com")]);

        var created = await Cognito.CallAsync("CreateUserPool", new JsonObject
        {
            ["PoolName"] = "new-pool",
            ["Schema"] = new JsonArray(
                new JsonObject
                {
                    ["Name"] = "tenant_id", ["AttributeDataType"] = "String", ["Mutable"] = true,
                    ["StringAttributeConstraints"] = new JsonObject { ["MinLength"] = "0", ["MaxLength"] = "64" },
                },
                new JsonObject
                {
                    ["Name"] = "plan", ["AttributeDataType"] = "String", ["Mutable"] = false,
                    ["StringAttributeConstraints"] = new JsonObject { ["MinLength"] = "0", ["MaxLength"] = "8" },
                }),
        });
        NewPoolId = created["UserPool"]!["Id"]!.GetValue<string>();
        await Cognito.CreateUserAsync(NewPoolId, "bob", [("email", "bob@example.com"), ("custom:tenant_id", "globex")]);
    }

    public Dictionary<string, string> Environment() => CliRun.Environment(Cognito.Endpoint, Parameters.Endpoint, Cognito.Region);

    public async Task DisposeAsync()
    {
        await Parameters.DisposeAsync();
        await Cognito.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalStackCollection : ICollectionFixture<LocalStack>
{
    public const string Name = "local stack";
}
