namespace AttrMapper.Cli;

/// <summary>Knobs that tests turn down (backoff) and operators may tune (rate); the defaults suit real Cognito.</summary>
/// <param name="ListUsersPerSecond">ListUsers' quota is 30 requests/s per account and region; stay under it by default.</param>
/// <param name="BackoffBase">First wait after a TooManyRequests; doubles each time.</param>
/// <param name="MaxAttempts">Attempts per ListUsers page before giving up with exit code 3.</param>
/// <param name="AttemptTimeout">Bound on one AWS call.</param>
internal sealed record CliTuning(int ListUsersPerSecond, TimeSpan BackoffBase, int MaxAttempts, TimeSpan AttemptTimeout)
{
    public static CliTuning Default { get; } = new(25, TimeSpan.FromMilliseconds(500), 6, TimeSpan.FromSeconds(15));
}
