using System.Collections.Concurrent;
using System.Diagnostics;
using AttrMapper.Tests;

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
