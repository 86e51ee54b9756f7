using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AttrMapper.LocalPeers.CognitoLocal;

/// <summary>
/// One pinned cognito-local (tools/cognito-local) on a 127.0.0.1 port the OS chose as node bound it (PORT=0; the port is read from
/// the line node prints once listening, so no other process can take it in between) with its own temporary data directory, and the admin
/// calls to seed it. Disposing it stops the node process (its process group when it has its own) and deletes the data. cognito-local
/// differs from Cognito in places (docs/demo.md, DESIGN.md section 9): put <see cref="CognitoFidelityProxy"/> in front of it.
/// </summary>
public sealed partial class CognitoLocalProcess : IAsyncDisposable
{
    private const int OutputLines = 200;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Queue<string> _output = new();
    private readonly Process _process;
    private readonly bool _ownGroup;
    private readonly string _dataDirectory;
    private Uri? _endpoint;
    private int _disposed;

    private CognitoLocalProcess(Process process, bool ownGroup, string dataDirectory)
    {
        _process = process;
        _ownGroup = ownGroup;
        _dataDirectory = dataDirectory;
    }

    /// <summary>e.g. http://127.0.0.1:40123/ (the port node was given by the OS).</summary>
    public Uri Endpoint => _endpoint ?? throw new InvalidOperationException("cognito-local is not listening yet.");

    /// <summary>The node process id (also its process group id when it has its own group).</summary>
    public int ProcessId { get; private set; }

    /// <summary>The last lines node printed (for failure messages). Its debug log is off: it would print events with passwords.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static string StartScript(string packageDirectory) =>
        Path.Combine(packageDirectory, "node_modules", "cognito-local", "lib", "bin", "start.js");

    public static async Task<CognitoLocalProcess> StartAsync(CognitoLocalOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var start = StartScript(options.PackageDirectory);
        if (!File.Exists(start))
        {
            throw new InvalidOperationException($"cognito-local is not installed ({start} is missing): run `make tools`");
        }

        var dataDirectory = Directory.CreateTempSubdirectory("attrmapper-cognito-local-").FullName;
        WriteData(dataDirectory, options);
        var info = new ProcessStartInfo(options.OwnProcessGroup ? "setsid" : "node")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (options.OwnProcessGroup)
        {
            info.ArgumentList.Add("node");
        }

        info.ArgumentList.Add(start);
        info.Environment["PORT"] = "0";
        info.Environment["HOST"] = "127.0.0.1";
        info.Environment.Remove("DEBUG"); // its debug log prints trigger events, passwords included
        info.Environment.Remove("COGNITO_LOCAL_DEVMODE");

        var process = new Process { StartInfo = info };
        var local = new CognitoLocalProcess(process, options.OwnProcessGroup, dataDirectory);
        process.OutputDataReceived += (_, e) => local.Append(e.Data);
        process.ErrorDataReceived += (_, e) => local.Append(e.Data);
        try
        {
            process.Start();
            local.ProcessId = process.Id;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await local.WaitUntilAnsweringAsync(options.StartTimeout, ct).ConfigureAwait(false);
            return local;
        }
        catch
        {
            await local.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A Cognito API call straight to cognito-local (no fidelity corrections).</summary>
    public Task<CognitoApiAnswer> CallAsync(string operation, JsonObject body, CancellationToken ct = default) =>
        CognitoApiCall.SendAsync(_http, Endpoint, operation, body, ct);

    /// <summary>Creates an app client and returns its id.</summary>
    public async Task<string> CreateClientAsync(string userPoolId, string name, CancellationToken ct = default)
    {
        var answer = await CallAsync("CreateUserPoolClient", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["ClientName"] = name,
            ["ExplicitAuthFlows"] = new JsonArray("ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
        }, ct).ConfigureAwait(false);
        return answer.Ok("CreateUserPoolClient")["UserPoolClient"]!["ClientId"]!.GetValue<string>();
    }

    /// <summary>Creates a CONFIRMED user with a permanent password (AdminCreateUser, message suppressed, then AdminSetUserPassword).</summary>
    public async Task CreateUserAsync(string userPoolId, string username, string password, IEnumerable<KeyValuePair<string, string>> attributes, CancellationToken ct = default)
    {
        (await CallAsync("AdminCreateUser", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["Username"] = username,
            ["MessageAction"] = "SUPPRESS",
            ["UserAttributes"] = new JsonArray([.. attributes.Select(a => (JsonNode)new JsonObject { ["Name"] = a.Key, ["Value"] = a.Value })]),
        }, ct).ConfigureAwait(false)).Ok("AdminCreateUser");
        (await CallAsync("AdminSetUserPassword", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["Username"] = username,
            ["Password"] = password,
            ["Permanent"] = true,
        }, ct).ConfigureAwait(false)).Ok("AdminSetUserPassword");
    }

    /// <summary>
    /// The code cognito-local sent the user with ForgotPassword: read from the user's record in its data file, where it keeps the
    /// code until ConfirmForgotPassword (its "delivery" is a box on stdout, which is never shown). Waits, up to
    /// <paramref name="patience"/>, for a code other than <paramref name="previous"/> to be written; null when none came.
    /// </summary>
    public async Task<string?> ConfirmationCodeAsync(string userPoolId, string username, string? previous = null, TimeSpan? patience = null, CancellationToken ct = default)
    {
        var file = Path.Combine(_dataDirectory, ".cognito", "db", userPoolId + ".json");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(patience ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                string? code = null;
                try
                {
                    var users = JsonNode.Parse(await File.ReadAllTextAsync(file, limit.Token).ConfigureAwait(false))?["Users"] as JsonObject;
                    code = users?[username]?["ConfirmationCode"] is JsonValue v && v.TryGetValue<string>(out var c) ? c : null;
                }
                catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
                {
                    // Caught between node's truncate and write: read again.
                }

                if (code is not null && code != previous)
                {
                    return code;
                }

                await Task.Delay(50, limit.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public async Task DisableUserAsync(string userPoolId, string username, CancellationToken ct = default) =>
        (await CallAsync("AdminDisableUser", new JsonObject { ["UserPoolId"] = userPoolId, ["Username"] = username }, ct).ConfigureAwait(false))
            .Ok("AdminDisableUser");

    /// <summary>Stops node (SIGTERM to its group, then SIGKILL after a bounded wait) and deletes its data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _http.Dispose();
        try
        {
            if (ProcessId != 0)
            {
                await StopAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still being written as node died; the temp folder is cleaned by the OS eventually.
            }
        }
    }

    private static void WriteData(string dataDirectory, CognitoLocalOptions options)
    {
        var db = Path.Combine(dataDirectory, ".cognito", "db");
        Directory.CreateDirectory(db);
        var config = new JsonObject
        {
            // Plain usernames, as a pool without username attributes has (cognito-local's default makes e-mail the username).
            ["UserPoolDefaults"] = new JsonObject { ["UsernameAttributes"] = new JsonArray() },

            // Its default issuer is http://HOST:PORT, and PORT is 0 here: tokens name Cognito's issuer instead.
            ["TokenConfig"] = new JsonObject { ["IssuerDomain"] = "https://cognito-idp.eu-west-1.amazonaws.com" },
        };
        if (options.LambdaEndpoint is { } lambda)
        {
            config["LambdaClient"] = new JsonObject
            {
                ["endpoint"] = lambda.ToString().TrimEnd('/'),
                ["region"] = "eu-west-1",
                ["credentials"] = new JsonObject { ["accessKeyId"] = "local", ["secretAccessKey"] = "local" },
            };
            var triggers = new JsonObject();
            foreach (var (trigger, function) in new[]
            {
                ("UserMigration", options.UserMigrationFunction),
                ("PreTokenGeneration", options.PreTokenGenerationFunction),
                ("PostAuthentication", options.PostAuthenticationFunction),
            })
            {
                if (function is not null)
                {
                    triggers[trigger] = function;
                }
            }

            config["TriggerFunctions"] = triggers.Count > 0
                ? triggers
                : throw new ArgumentException("A trigger function (UserMigrationFunction, ...) is required with LambdaEndpoint.");
        }

        File.WriteAllText(Path.Combine(dataDirectory, ".cognito", "config.json"), config.ToJsonString());
        foreach (var id in options.UserPoolIds)
        {
            var poolOptions = new JsonObject { ["Id"] = id, ["Name"] = id, ["UsernameAttributes"] = new JsonArray(), ["MfaConfiguration"] = "OFF" };
            if (options.CustomAttributes.Count > 0)
            {
                poolOptions["SchemaAttributes"] = Schema(options.CustomAttributes);
            }

            var pool = new JsonObject
            {
                ["Options"] = poolOptions,
                ["Users"] = new JsonObject(),
            };
            File.WriteAllText(Path.Combine(db, id + ".json"), pool.ToJsonString());
        }
    }

    /// <summary>Cognito's standard attributes (as DescribeUserPool reports them for a new pool), then the custom ones as mutable Strings.</summary>
    private static JsonArray Schema(IReadOnlyList<string> customAttributes)
    {
        static JsonNode Attribute(string name, string type, bool mutable, bool required = false)
        {
            var attribute = new JsonObject
            {
                ["Name"] = name,
                ["AttributeDataType"] = type,
                ["DeveloperOnlyAttribute"] = false,
                ["Mutable"] = mutable,
                ["Required"] = required,
            };
            if (type == "String")
            {
                attribute["StringAttributeConstraints"] = new JsonObject { ["MinLength"] = name == "sub" ? "1" : "0", ["MaxLength"] = "2048" };
            }
            else if (type == "Number")
            {
                attribute["NumberAttributeConstraints"] = new JsonObject { ["MinValue"] = "0" };
            }

            return attribute;
        }

        var schema = new JsonArray { Attribute("sub", "String", mutable: false, required: true) };
        foreach (var name in new[] { "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website", "email" })
        {
            schema.Add(Attribute(name, "String", mutable: true));
        }

        schema.Add(Attribute("email_verified", "Boolean", mutable: true));
        foreach (var name in new[] { "gender", "birthdate", "zoneinfo", "locale", "phone_number" })
        {
            schema.Add(Attribute(name, "String", mutable: true));
        }

        schema.Add(Attribute("phone_number_verified", "Boolean", mutable: true));
        schema.Add(Attribute("address", "String", mutable: true));
        schema.Add(Attribute("updated_at", "Number", mutable: true));
        foreach (var name in customAttributes)
        {
            if (!name.StartsWith("custom:", StringComparison.Ordinal))
            {
                throw new ArgumentException($"CustomAttributes: '{name}' is not a custom: attribute.", nameof(customAttributes));
            }

            schema.Add(Attribute(name, "String", mutable: true));
        }

        return schema;
    }

    /// <summary>What cognito-local's start script prints once its server listens, e.g. "Cognito Local running on http://127.0.0.1:40123".</summary>
    [GeneratedRegex(@"Cognito Local running on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (!_listening.Task.IsCompleted && ListeningLine().Match(line) is { Success: true } listening)
        {
            _listening.TrySetResult(new Uri(listening.Groups[1].Value + "/"));
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            var exited = _process.WaitForExitAsync(deadline.Token);
            if (await Task.WhenAny(_listening.Task, exited).ConfigureAwait(false) != _listening.Task)
            {
                await exited.ConfigureAwait(false);
                throw new InvalidOperationException($"cognito-local exited with {_process.ExitCode}: {RecentOutput}");
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"cognito-local did not start listening within {timeout.TotalSeconds:0} s: {RecentOutput}");
        }

        _endpoint = await _listening.Task.ConfigureAwait(false);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"cognito-local exited with {_process.ExitCode}: {RecentOutput}");
            }

            try
            {
                var answer = await CallAsync("ListUserPools", new JsonObject { ["MaxResults"] = 1 }, deadline.Token).ConfigureAwait(false);
                if (answer.IsSuccess)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"cognito-local did not answer within {timeout.TotalSeconds:0} s: {RecentOutput}");
            }

            try
            {
                await Task.Delay(100, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"cognito-local did not answer within {timeout.TotalSeconds:0} s: {RecentOutput}");
            }
        }
    }

    private async Task StopAsync()
    {
        if (_ownGroup)
        {
            Signal("TERM", "-" + ProcessId.ToString(CultureInfo.InvariantCulture));
        }
        else if (!_process.HasExited)
        {
            Signal("TERM", ProcessId.ToString(CultureInfo.InvariantCulture));
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Did not stop on SIGTERM: SIGKILL below.
        }

        if (_ownGroup)
        {
            // Anything node started in its group goes too, even after node itself is gone.
            Signal("KILL", "-" + ProcessId.ToString(CultureInfo.InvariantCulture));
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(last.Token).ConfigureAwait(false);
        }
    }

    private static void Signal(string signal, string target)
    {
        // kill(1) rather than P/Invoke: negative pids address a process group, and a missing group is not an error here.
        using var kill = Process.Start(new ProcessStartInfo("kill")
        {
            ArgumentList = { "-s", signal, "--", target },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        });
        kill?.WaitForExit(5000);
    }
}
