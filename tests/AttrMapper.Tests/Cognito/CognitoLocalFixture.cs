using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace AttrMapper.Tests.Cognito;

/// <summary>
/// Runs the pinned cognito-local (tools/cognito-local) on a free 127.0.0.1 port with its own temp data dir, creates a pool,
/// an app client and users through its API, and kills the process tree at the end. Installs node_modules with `npm ci` when
/// missing. cognito-local is a stand-in with known quirks (DESIGN.md section 9): tests must not assert those as truth.
/// Seen here besides those: an unknown user at AdminInitiateAuth answers NotAuthorizedException "User not authorized", and its
/// ListUsers filter does not unescape \" or \\ (escaping is checked against the scripted fake instead).
/// </summary>
public sealed class CognitoLocalFixture : IAsyncLifetime
{
    public const string Password = "Passw0rd!Local";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _dataDir;

    public Uri Endpoint { get; private set; } = null!;

    public string UserPoolId { get; private set; } = null!;

    public string ClientId { get; private set; } = null!;

    /// <summary>The part of the pool id before the underscore ("local" for cognito-local).</summary>
    public string Region => UserPoolId[..UserPoolId.IndexOf('_', StringComparison.Ordinal)];

    public async Task InitializeAsync()
    {
        var tool = Path.Combine(RepoRoot(), "tools", "cognito-local");
        var start = Path.Combine(tool, "node_modules", "cognito-local", "lib", "bin", "start.js");
        if (!File.Exists(start))
        {
            await RunAsync("npm", "ci --no-audit --no-fund", tool, TimeSpan.FromMinutes(5));
        }

        _dataDir = Directory.CreateTempSubdirectory("attrmapper-cognito-local-").FullName;
        Directory.CreateDirectory(Path.Combine(_dataDir, ".cognito"));

        // Plain usernames (its default pools demand e-mail usernames, real Cognito pools need not).
        await File.WriteAllTextAsync(Path.Combine(_dataDir, ".cognito", "config.json"), """{"UserPoolDefaults":{"UsernameAttributes":[]}}""");

        var port = FreePort();
        var info = new ProcessStartInfo("node", [start])
        {
            WorkingDirectory = _dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["HOST"] = "127.0.0.1";
        info.Environment.Remove("DEBUG"); // its debug log prints events with passwords
        _process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");

        await WaitUntilAnsweringAsync();

        UserPoolId = (await CallAsync("CreateUserPool", new JsonObject { ["PoolName"] = "old-pool" }))["UserPool"]!["Id"]!.GetValue<string>();
        ClientId = (await CallAsync("CreateUserPoolClient", new JsonObject { ["UserPoolId"] = UserPoolId, ["ClientName"] = "migration" }))["UserPoolClient"]!["ClientId"]!.GetValue<string>();
        await CreateUserAsync("alice", [("email", "alice@example.com"), ("email_verified", "true"), ("custom:tenant", "acme")]);
    }

    public Task CreateUserAsync(string username, (string Name, string Value)[] attributes) =>
        CreateUserAsync(UserPoolId, username, attributes);

    /// <summary>Creates a confirmed user with <see cref="Password"/> in any pool of this cognito-local.</summary>
    public async Task CreateUserAsync(string userPoolId, string username, (string Name, string Value)[] attributes)
    {
        await CallAsync("AdminCreateUser", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["Username"] = username,
            ["MessageAction"] = "SUPPRESS",
            ["UserAttributes"] = new JsonArray([.. attributes.Select(a => (JsonNode)new JsonObject { ["Name"] = a.Name, ["Value"] = a.Value })]),
        });
        await CallAsync("AdminSetUserPassword", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["Username"] = username,
            ["Password"] = Password,
            ["Permanent"] = true,
        });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_process is { } p)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
            finally
            {
                p.Dispose();
            }
        }

        if (_dataDir is not null)
        {
            Directory.Delete(_dataDir, recursive: true);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string arguments, string directory, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, UseShellExecute = false })
            ?? throw new InvalidOperationException($"{file} did not start");
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}");
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException("cognito-local exited: " + _output);
            }

            try
            {
                await CallAsync("ListUserPools", new JsonObject { ["MaxResults"] = 1 });
                return;
            }
            catch (HttpRequestException) when (!deadline.IsCancellationRequested)
            {
                // Not listening yet: this is a readiness poll, not a timing assertion.
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    /// <summary>Any cognito-local operation (e.g. CreateUserPool with a Schema); throws with the answer on a non-2xx.</summary>
    public async Task<JsonNode> CallAsync(string operation, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/local/cognito-idp/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"cognito-local {operation}: HTTP {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text)!;
    }
}
