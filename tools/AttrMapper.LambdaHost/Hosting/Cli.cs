using System.Runtime.InteropServices;

namespace AttrMapper.LambdaHost.Hosting;

/// <summary>Runs the host standalone until SIGTERM, SIGINT or SIGHUP, then stops the child.</summary>
internal static class Cli
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        if (args is ["--help"] or ["-h"])
        {
            await stdout.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return 0;
        }

        var (options, error) = CommandLine.Parse(args, line => stderr.WriteLine(
            line.Source == OutputSource.Host ? $"lambdahost: {line.Text}" : line.Text));
        if (options is null)
        {
            await stderr.WriteLineAsync($"lambdahost: {error}\n{CommandLine.Usage}").ConfigureAwait(false);
            return 2;
        }

        if (!File.Exists(options.BootstrapPath))
        {
            await stderr.WriteLineAsync($"lambdahost: no such file: {options.BootstrapPath}").ConfigureAwait(false);
            return 2;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void OnSignal(PosixSignalContext context)
        {
            // Handled here, so the runtime does not exit before the child is killed.
            context.Cancel = true;
            stop.Cancel();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);

        LocalLambdaHost host;
        try
        {
            host = await LocalLambdaHost.StartAsync(options, stop.Token).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Typically the port is taken: say so in one line rather than with a stack trace.
            await stderr.WriteLineAsync($"lambdahost: cannot listen on 127.0.0.1:{options.Port}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (host.ConfigureAwait(false))
        {
            await stdout.WriteLineAsync($"listening {host.BaseAddress.GetLeftPart(UriPartial.Authority)}").ConfigureAwait(false);
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return 0;
    }
}
