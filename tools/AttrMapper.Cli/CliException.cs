namespace AttrMapper.Cli;

/// <summary>A failure the tool reports and exits with: our own words (never upstream text) and the exit code that fits.</summary>
internal sealed class CliException(int exitCode, string kind, string message, string? hint = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>A fixed word for --json: usage, file, aws, throttled, credentials, not_found.</summary>
    public string Kind { get; } = kind;

    public string? Hint { get; } = hint;

    public static CliException Usage(string message, string? hint = null) => new(ExitCodes.Usage, "usage", message, hint);
}
