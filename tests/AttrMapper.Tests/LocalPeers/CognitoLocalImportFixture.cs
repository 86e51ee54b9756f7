using System.Text.Json.Nodes;
using AttrMapper.LocalPeers.CognitoLocal;

namespace AttrMapper.Tests.LocalPeers;

/// <summary>
/// A new pool as the demo runs it: cognito-local holding <see cref="PoolId"/> (schema with custom:tenant_id), its UserMigration
/// trigger through a <see cref="UserMigrationTriggerProxy"/> to no function at all (a call that reaches the function fails), and a
/// <see cref="CognitoFidelityProxy"/> in front serving the user import through <see cref="CognitoLocalUserImport"/>.
/// </summary>
public sealed class CognitoLocalImportFixture : IAsyncLifetime
{
    public const string PoolId = "eu-west-1_NewPool17";

    private CognitoLocalProcess? _local;

    public CognitoLocalProcess Local => _local ?? throw new InvalidOperationException("Not started.");

    public UserMigrationTriggerProxy Trigger { get; private set; } = null!;

    public CognitoLocalUserImport Import { get; private set; } = null!;

    public CognitoFidelityProxy Proxy { get; private set; } = null!;

    public string ClientId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Trigger = await UserMigrationTriggerProxy.StartAsync();
        _local = await CognitoLocalProcess.StartAsync(new CognitoLocalOptions
        {
            PackageDirectory = Path.Combine(RepositoryFiles.Root, "tools", "cognito-local"),
            UserPoolIds = [PoolId],
            CustomAttributes = ["custom:tenant_id"],
            LambdaEndpoint = Trigger.Endpoint,
            UserMigrationFunction = "attrmapper",
            OwnProcessGroup = true,
        });
        Import = await CognitoLocalUserImport.StartAsync(_local.Endpoint);
        Trigger.Landing = Import.Landing;
        Proxy = await CognitoFidelityProxy.StartAsync(_local.Endpoint, Import);
        ClientId = await _local.CreateClientAsync(PoolId, "web-app");
    }

    /// <summary>AdminGetUser straight at cognito-local: the status and attributes it stores.</summary>
    public async Task<(string Status, Dictionary<string, string> Attributes)?> StoredAsync(string username)
    {
        var answer = await Local.CallAsync("AdminGetUser", new JsonObject { ["UserPoolId"] = PoolId, ["Username"] = username });
        if (answer.ErrorType == "UserNotFoundException")
        {
            return null;
        }

        var body = answer.Ok("AdminGetUser");
        return (body["UserStatus"]!.GetValue<string>(),
            body["UserAttributes"]!.AsArray().ToDictionary(a => a!["Name"]!.GetValue<string>(), a => a!["Value"]!.GetValue<string>()));
    }

    public async Task DisposeAsync()
    {
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        if (Import is not null)
        {
            await Import.DisposeAsync();
        }

        if (_local is not null)
        {
            await _local.DisposeAsync();
        }

        if (Trigger is not null)
        {
            await Trigger.DisposeAsync();
        }
    }
}
