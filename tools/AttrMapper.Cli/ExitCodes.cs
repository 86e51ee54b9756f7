namespace AttrMapper.Cli;

/// <summary>The exit codes scripts can rely on (docs/cli.md lists them); every command uses these and nothing else.</summary>
internal static class ExitCodes
{
    /// <summary>Done; for validate the map is valid, for diff there is no difference.</summary>
    public const int Ok = 0;

    /// <summary>The map is invalid (nothing was written), or diff found a difference.</summary>
    public const int Invalid = 1;

    /// <summary>Bad command line, unreadable input file, missing setting (e.g. no region): fix the invocation.</summary>
    public const int Usage = 2;

    /// <summary>AWS or network failure: throttled after retries, credentials, timeout, server error. Safe to retry later.</summary>
    public const int Aws = 3;

    /// <summary>What was named does not exist: the parameter, the user, or the pool.</summary>
    public const int NotFound = 4;
}
