using AttrMapper.Cognito;

namespace AttrMapper.Cli.Progress;

/// <summary>
/// The CLI's one answer to TooManyRequests: push every later call on the shared <see cref="RateLimiter"/> back by a
/// backoff that doubles from <see cref="CliTuning.BackoffBase"/>, and try again, at most <see cref="CliTuning.MaxAttempts"/>
/// times in all. Used by the pool listings, the sweep's group reads and the groups settle.
/// </summary>
internal static class ThrottleRetry
{
    /// <summary>
    /// Runs <paramref name="attempt"/> (which paces itself on <paramref name="limiter"/>) until it is not throttled; each
    /// retry is reported to <paramref name="onRetry"/>. Any other failure, and the last throttled attempt, propagate.
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> attempt, RateLimiter limiter, CliTuning tuning, Action onRetry, CancellationToken ct)
    {
        var backoff = tuning.BackoffBase;
        for (var n = 1; ; n++)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (CognitoException e) when (e.Kind == CognitoErrorKind.Throttled && n < tuning.MaxAttempts)
            {
                onRetry();
                limiter.PushBack(backoff);
                backoff += backoff;
            }
        }
    }
}
