namespace AttrMapper.Cli;

/// <summary>The process's seams, passed in so tests run the whole tool in-process: streams, environment, clock.</summary>
/// <param name="Out">Results (human text, or one JSON document with --json).</param>
/// <param name="Error">Diagnostics and the progress bar.</param>
/// <param name="Environment">Environment variables (endpoints, region, credentials).</param>
/// <param name="Time">Clock for the rate limiter, backoff and signing.</param>
/// <param name="ErrorIsTerminal">True when stderr is an interactive terminal: only then is a progress bar drawn.</param>
internal sealed record CliContext(
    TextWriter Out,
    TextWriter Error,
    Func<string, string?> Environment,
    TimeProvider Time,
    bool ErrorIsTerminal,
    CliTuning Tuning)
{
    public static CliContext FromProcess() => new(
        Console.Out,
        Console.Error,
        System.Environment.GetEnvironmentVariable,
#pragma warning disable RS0030 // The CLI's composition root: the one place it picks the system clock; commands are given it.
        TimeProvider.System,
#pragma warning restore RS0030
        !Console.IsErrorRedirected,
        CliTuning.Default);

    /// <summary>CI systems set CI=true (GitHub Actions, GitLab, most others): no progress bar there even on a pseudo-terminal.</summary>
    public bool IsCi => Environment("CI") is { Length: > 0 } ci && !string.Equals(ci, "false", StringComparison.OrdinalIgnoreCase);
}
