using System.Runtime.InteropServices;
using AttrMapper.Demo.Walkthrough;

namespace AttrMapper.Demo;

/// <summary>`make demo`: runs <see cref="DemoWalkthrough"/> and stops every process it started, also on Ctrl-C, SIGTERM or failure.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        string? root = null;
        string? bootstrap = null;
        string? cli = null;
        var ttl = 2;
        var split = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--repo" when i + 1 < args.Length:
                    root = args[++i];
                    break;
                case "--bootstrap" when i + 1 < args.Length:
                    bootstrap = args[++i];
                    break;
                case "--split":
                    split = true;
                    break;
                case "--cli" when i + 1 < args.Length:
                    cli = args[++i];
                    break;
                case "--ttl" when i + 1 < args.Length && int.TryParse(args[i + 1], out var seconds) && seconds is >= 0 and <= 60:
                    ttl = seconds;
                    i++;
                    break;
                default:
                    await error.WriteLineAsync($"usage: AttrMapper.Demo --repo ROOT [--bootstrap PATH] [--cli PATH] [--ttl 0..60] [--split] (unknown or incomplete: {args[i]})").ConfigureAwait(false);
                    return 2;
            }
        }

        if (root is null)
        {
            await error.WriteLineAsync("usage: AttrMapper.Demo --repo ROOT [--bootstrap PATH] [--cli PATH] [--ttl 0..60] [--split]").ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // unwind and clean up instead of dying with children left behind
            stop.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        try
        {
            var settings = DemoSettings.ForRepository(Path.GetFullPath(root), bootstrap, ttl, cli);
            if (split)
            {
                // `make demo-split`: one pool per tenant (issue 12).
                await new SplitWalkthrough(settings.RepositoryRoot, settings.BootstrapPath, output).RunAsync(stop.Token).ConfigureAwait(false);
            }
            else
            {
                await new DemoWalkthrough(settings, output).RunAsync(stop.Token).ConfigureAwait(false);
            }

            await output.WriteLineAsync("Done: every process the demo started is stopped.").ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await error.WriteLineAsync("demo: interrupted; every process it started is stopped").ConfigureAwait(false);
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException or AggregateException)
        {
            await error.WriteLineAsync($"demo: failed: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
