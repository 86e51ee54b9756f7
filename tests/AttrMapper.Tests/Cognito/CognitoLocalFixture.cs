using System.Diagnostics;
using System.Text.Json.Nodes;
using AttrMapper.LocalPeers.CognitoLocal;

namespace AttrMapper.Tests.Cognito;

/// <summary>
/// The pinned cognito-local (tools/cognito-local) as an xunit fixture: a <see cref="CognitoLocalProcess"/> in its own process
/// group, a pool and an app client created through its API, and alice. Installs node_modules with `npm ci` when missing.
/// cognito-local is a stand-in with known quirks (DESIGN.md section 9): tests must not assert those as truth. Seen here besides
/// those: an unknown user at AdminInitiateAuth answers NotAuthorizedException "User not authorized", and its ListUsers filter
/// does not unescape \" or \\ (escaping is checked against the scripted fake instead).
/// </summary>
public sealed class CognitoLocalFixture : IAsyncLifetime
{
    public const string Password = "Passw0rd!Local";

    private CognitoLocalProcess? _process;

    public Uri Endpoint => Process.Endpoint;

    public string UserPoolId { get; private set; } = null!;

    public string ClientId { get; private set; } = null!;

    /// <summary>The part of the pool id before the underscore ("local" for cognito-local).</summary>
    public string Region => UserPoolId[..UserPoolId.IndexOf('_', StringComparison.Ordinal)];

    private CognitoLocalProcess Process => _process ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var tool = Path.Combine(RepoRoot(), "tools", "cognito-local");
        if (!File.Exists(CognitoLocalProcess.StartScript(tool)))
        {
            await NpmCiAsync(tool, TimeSpan.FromMinutes(5));
        }

        _process = await CognitoLocalProcess.StartAsync(new CognitoLocalOptions { PackageDirectory = tool, OwnProcessGroup = true });

        // Created through the API, so the pool id is cognito-local's own local_xxxxxxxx.
        UserPoolId = (await CallAsync("CreateUserPool", new JsonObject { ["PoolName"] = "old-pool" }))["UserPool"]!["Id"]!.GetValue<string>();
        ClientId = (await CallAsync("CreateUserPoolClient", new JsonObject { ["UserPoolId"] = UserPoolId, ["ClientName"] = "migration" }))["UserPoolClient"]!["ClientId"]!.GetValue<string>();
        await CreateUserAsync("alice", [("email", "alice@example.com"), ("email_verified", "true"), ("custom:tenant", "acme")]);
    }

    public Task CreateUserAsync(string username, (string Name, string Value)[] attributes) =>
        CreateUserAsync(UserPoolId, username, attributes);

    /// <summary>Creates a confirmed user with <see cref="Password"/> in any pool of this cognito-local.</summary>
    public Task CreateUserAsync(string userPoolId, string username, (string Name, string Value)[] attributes) =>
        Process.CreateUserAsync(userPoolId, username, Password, attributes.Select(a => KeyValuePair.Create(a.Name, a.Value)));

    /// <summary>Any cognito-local operation (e.g. CreateUserPool with a Schema); throws naming the operation and error code on a non-2xx.</summary>
    public async Task<JsonNode> CallAsync(string operation, JsonObject body) =>
        (await Process.CallAsync(operation, body)).Ok(operation);

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AttrMapper.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AttrMapper.sln not found above the test binaries.");
    }

    private static async Task NpmCiAsync(string directory, TimeSpan timeout)
    {
        using var npm = System.Diagnostics.Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = directory, UseShellExecute = false })
            ?? throw new InvalidOperationException("npm did not start");
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await npm.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw;
        }

        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci exited with {npm.ExitCode}");
        }
    }
}
