namespace AttrMapper.Cli.Sweep;

/// <summary>Cognito's user import limits; hidden options turn them down for tests and the benchmark.</summary>
/// <param name="MaxUsersPerFile">500,000 users per file.</param>
/// <param name="MaxBytesPerFile">100 MB per file (header included).</param>
/// <param name="MaxCharactersPerRow">16,000 characters per row: a longer row would fail, so its user is not taken.</param>
internal sealed record ImportFileLimits(int MaxUsersPerFile, long MaxBytesPerFile, int MaxCharactersPerRow)
{
    public static ImportFileLimits Cognito { get; } = new(500_000, 100L * 1024 * 1024, 16_000);
}
