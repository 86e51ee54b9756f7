using System.Diagnostics;

namespace AttrMapper.Demo.Walkthrough;

/// <summary>One run of the published `attrmapper` CLI, as an operator would run it.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error);

/// <summary>
/// Runs the operator's `attrmapper` executable against the local stack: the demo edits and previews the map with the same tool an
/// operator uses in production, pointed at the local peers by the same endpoint variables as the function.
/// </summary>
public sealed class OperatorCli(string executable, string workingDirectory, IReadOnlyDictionary<string, string> environment)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public string Executable => executable;

    public async Task<CliRun> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"no published attrmapper at {executable}: run `make cli`");
        }

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only the stack's variables (and PATH): nothing from the caller's shell, such as real AWS credentials, can leak in.
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        start.Environment["CI"] = "true"; // no progress bar, no terminal colours
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Patience);
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        var error = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            return new CliRun(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (ct.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException($"attrmapper {string.Join(' ', arguments)} did not finish within {Patience.TotalSeconds:0} s");
        }
    }
}
