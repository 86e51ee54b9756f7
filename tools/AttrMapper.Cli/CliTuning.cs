namespace AttrMapper.Cli;

/// <summary>Knobs that tests turn down (backoff) and operators may tune (rate); the defaults suit real Cognito.</summary>
/// <param name="ListUsersPerSecond">ListUsers' quota is 30 requests/s per account and region; stay under it by default.</param>
/// <param name="BackoffBase">First wait after a TooManyRequests; doubles each time.</param>
/// <param name="MaxAttempts">Attempts per ListUsers page before giving up with exit code 3.</param>
/// <param name="AttemptTimeout">Bound on one AWS call.</param>
internal sealed record CliTuning(int ListUsersPerSecond, TimeSpan BackoffBase, int MaxAttempts, TimeSpan AttemptTimeout)
{
    /// <summary>AdminListGroupsForUser calls per second in a sweep whose map has groups (one per imported user).</summary>
    public int GroupReadsPerSecond { get; init; } = 20;

    /// <summary>How often a sweep asks DescribeUserImportJob while a job runs.</summary>
    public TimeSpan ImportPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Tests only: called at each step of a sweep (step name, file index) so that a test can interrupt it there.</summary>
    public Action<string, int>? SweepCheckpoint { get; init; }

    public static CliTuning Default { get; } = new(25, TimeSpan.FromMilliseconds(500), 6, TimeSpan.FromSeconds(15));
}
