using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using AttrMapper.LambdaHost.Invocations;

namespace AttrMapper.LambdaHost.Bootstrap;

/// <summary>
/// Runs the bootstrap as a child process with a Lambda-like environment, forwards its output, restarts it when it ends,
/// and gives up after too many failures in a row.
/// </summary>
internal sealed class BootstrapSupervisor(LambdaHostOptions options, Sandbox sandbox, OutputLog output)
    : IChildControl, IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for the output pipes to close once the child has exited.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Process? _process;
    private int _processId;
    private int _generation;
    private KillReason _killReason;
    private int _consecutiveFailures;
    private int _starts;
    private Task _loop = Task.CompletedTask;

    public int? ProcessId
    {
        get
        {
            lock (_lock)
            {
                return _process is null ? null : _processId;
            }
        }
    }

    public int StartCount => Volatile.Read(ref _starts);

    public void Start(string runtimeApi) => _loop = Task.Run(() => RunAsync(runtimeApi));

    public void Kill(int generation, KillReason reason)
    {
        lock (_lock)
        {
            if (_process is null || _generation != generation)
            {
                return;
            }

            _killReason = reason;
            KillTree(_process);
        }
    }

    public void NoteHealthy() => Volatile.Write(ref _consecutiveFailures, 0);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        lock (_lock)
        {
            if (_process is not null)
            {
                _killReason = KillReason.Stop;
                KillTree(_process);
            }
        }

        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(string runtimeApi)
    {
        while (!_stop.IsCancellationRequested)
        {
            var failures = Volatile.Read(ref _consecutiveFailures);
            if (failures >= options.MaxConsecutiveFailures)
            {
                output.Add(OutputSource.Host, 0, $"bootstrap failed {failures} times in a row; not restarting it");
                sandbox.MarkUnavailable();
                return;
            }

            var generation = _generation + 1;
            sandbox.OnChildStarting(generation);
            Process process;
            Task exited;
            try
            {
                (process, exited) = StartProcess(runtimeApi);
            }
            catch (Exception ex) when (ex is Win32Exception or IOException or InvalidOperationException)
            {
                output.Add(OutputSource.Host, 0, $"cannot start {options.BootstrapPath}: {ex.Message}");
                sandbox.OnChildStartFailed(generation, $"fork/exec {options.BootstrapPath}: {ex.Message}");
                Interlocked.Increment(ref _consecutiveFailures);
                await BackoffAsync().ConfigureAwait(false);
                continue;
            }

            var pid = process.Id;
            lock (_lock)
            {
                _process = process;
                _processId = pid;
                _generation = generation;
                _killReason = KillReason.None;

                // DisposeAsync may have looked for a process to kill just before this one was published.
                if (_stop.IsCancellationRequested)
                {
                    _killReason = KillReason.Stop;
                    KillTree(process);
                }
            }

            Interlocked.Increment(ref _starts);
            output.Add(OutputSource.Host, pid, $"started {options.BootstrapPath} (pid {pid})");

            await WaitForExitAsync(process, exited, pid).ConfigureAwait(false);
            KillReason reason;
            lock (_lock)
            {
                reason = _killReason;
                _process = null;
            }

            var exitCode = process.ExitCode;
            process.Dispose();
            output.Add(
                OutputSource.Host,
                pid,
                string.Create(CultureInfo.InvariantCulture, $"pid {pid} exited with status {exitCode}")
                + (reason == KillReason.None ? string.Empty : $" (killed: {reason})"));
            if (reason == KillReason.Stop || _stop.IsCancellationRequested)
            {
                return;
            }

            sandbox.OnChildExited(generation, reason, exitCode);
            if (reason != KillReason.Timeout)
            {
                Interlocked.Increment(ref _consecutiveFailures);
                await BackoffAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Waits for the child to exit, then for its output to reach its end so every line is in before the exit is noted;
    /// but a descendant that outlives it and holds the pipes open must not hold up the restart.
    /// </summary>
    private async Task WaitForExitAsync(Process process, Task exited, int pid)
    {
        await exited.ConfigureAwait(false);
        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(DrainLimit, options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            output.Add(OutputSource.Host, pid, $"pid {pid} exited but a descendant still holds its output open; not waiting for it");
        }
    }

    private (Process Process, Task Exited) StartProcess(string runtimeApi)
    {
        var bootstrap = Path.GetFullPath(options.BootstrapPath);
        var taskRoot = Path.GetDirectoryName(bootstrap) ?? "/";
        var start = new ProcessStartInfo(bootstrap)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = options.WorkingDirectory ?? taskRoot,
        };

        var path = start.Environment.TryGetValue("PATH", out var inherited) ? inherited : null;
        if (!options.InheritEnvironment)
        {
            start.Environment.Clear();
        }

        var environment = start.Environment;
        environment["PATH"] = path ?? "/usr/local/bin:/usr/bin:/bin";
        environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        environment["AWS_LAMBDA_FUNCTION_NAME"] = options.FunctionName;
        environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = options.MemorySizeMb.ToString(CultureInfo.InvariantCulture);
        environment["AWS_LAMBDA_LOG_GROUP_NAME"] = $"/aws/lambda/{options.FunctionName}";
        environment["AWS_LAMBDA_LOG_STREAM_NAME"] = string.Create(
            CultureInfo.InvariantCulture, $"{options.TimeProvider.GetUtcNow():yyyy/MM/dd}/[$LATEST]{Guid.NewGuid():N}");
        environment["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
        environment["AWS_REGION"] = options.Region;
        environment["AWS_DEFAULT_REGION"] = options.Region;
        environment["LAMBDA_TASK_ROOT"] = taskRoot;
        environment["LAMBDA_RUNTIME_DIR"] = taskRoot;
        environment["TZ"] = ":UTC";
        environment["LANG"] = "en_US.UTF-8";
        foreach (var (key, value) in options.Environment)
        {
            environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        var pid = 0;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Add(OutputSource.Stdout, pid, line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Add(OutputSource.Stderr, pid, line);
            }
        };

        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        pid = process.Id;

        // A function has nothing on stdin; closing it gives the child end-of-file rather than the host's terminal.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, exited.Task);
    }

    private async Task BackoffAsync()
    {
        var failures = Math.Clamp(Volatile.Read(ref _consecutiveFailures), 1, 10);
        var delay = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 50 * Math.Pow(2, failures - 1)));
        try
        {
            await Task.Delay(delay, options.TimeProvider, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone: its exit is being noted by the loop.
        }
    }
}
