using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using AttrMapper.LocalPeers;
using AttrMapper.Tests;
using AttrMapper.Tests.Fakes;

namespace AttrMapper.EndToEnd.Tests;

/// <summary>The published bootstrap running as a child process, with everything it prints kept for assertions.</summary>
internal sealed class BootstrapProcess : IAsyncDisposable
{
    private readonly Process process;

    private BootstrapProcess(Process process) => this.process = process;

    public ConcurrentQueue<string> Stdout { get; } = new();

    public ConcurrentQueue<string> Stderr { get; } = new();

    public string AllOutput => string.Join('\n', Stdout) + "\n" + string.Join('\n', Stderr);

    public bool HasExited => process.HasExited;

    /// <summary>The AOT binary `make package` published; `make test` points ATTRMAPPER_BOOTSTRAP at it.</summary>
    public static string BinaryPath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("ATTRMAPPER_BOOTSTRAP") is { Length: > 0 } given
                ? given
                : RepositoryFiles.PathOf("artifacts/publish/x86_64/bootstrap");
            File.Exists(path).ShouldBeTrue($"no published bootstrap at {path}: run `make package` (make test does) or set ATTRMAPPER_BOOTSTRAP");
            return path;
        }
    }

    public static BootstrapProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new BootstrapProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) started.Stdout.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) started.Stderr.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>
    /// The settings every test container starts from: the fake Runtime API, dummy signed-request credentials, both endpoints
    /// on the local peers, the old pool and its client, and the map parameter. A test adds or overrides the rest.
    /// </summary>
    public static Dictionary<string, string> TestEnvironment(FakeRuntimeApi api, ScriptedOldPool pool, LocalParameterStore store, string mapParameter) => new()
    {
        ["AWS_LAMBDA_RUNTIME_API"] = api.Endpoint,
        ["AWS_REGION"] = "eu-west-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
        ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        ["AWS_SESSION_TOKEN"] = "session-token-canary-77e1",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = pool.Endpoint.ToString(),
        ["AWS_ENDPOINT_URL_SSM"] = store.Endpoint.ToString(),
        ["OLD_USER_POOL_ID"] = pool.UserPoolId,
        ["OLD_CLIENT_ID"] = pool.ClientId,
        ["MAP_PARAMETER_NAME"] = mapParameter,
    };

    /// <summary>The one log line the function wrote for <paramref name="requestId"/>, waiting for it up to <paramref name="patience"/> (a hang bound).</summary>
    public async Task<JsonObject> LogLineAsync(string requestId, TimeSpan patience)
    {
        var id = $"\"requestId\":\"{requestId}\"";
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < patience)
        {
            if (Stdout.FirstOrDefault(l => l.Contains(id, StringComparison.Ordinal)) is { } line)
            {
                return JsonNode.Parse(line)!.AsObject();
            }

            await Task.Delay(20); // polling for the line, not standing in for it
        }

        throw new TimeoutException($"no log line for {requestId} within {patience}; output so far:\n{AllOutput}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
