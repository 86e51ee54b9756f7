using AttrMapper.Cli.Aws;
using AttrMapper.Cognito;

namespace AttrMapper.Cli.Progress;

/// <summary>
/// Walks every user of a pool with ListUsers (60 a page, PaginationToken), through the shared <see cref="RateLimiter"/>,
/// retrying a throttled page with exponential backoff a bounded number of times.
/// </summary>
internal sealed class PoolPager(PoolAdmin pool, string role, RateLimiter limiter, CliTuning tuning)
{
    public const int PageSize = 60;

    /// <summary>Bound on pages, far above Cognito's 40 million users per pool, so a token that never ends cannot loop forever.</summary>
    public const int MaxPages = 1_000_000;

    /// <summary>Calls <paramref name="onPage"/> with each page's users; returns the number of TooManyRequests answers absorbed.</summary>
    public Task<int> ForEachPageAsync(Action<IReadOnlyList<OldUser>> onPage, CancellationToken ct) =>
        ForEachPageAsync(users =>
        {
            onPage(users);
            return Task.CompletedTask;
        }, ct);

    /// <summary>As above, awaiting <paramref name="onPage"/> before the next page is asked for (one page in memory at a time).</summary>
    public async Task<int> ForEachPageAsync(Func<IReadOnlyList<OldUser>, Task> onPage, CancellationToken ct)
    {
        string? token = null;
        var throttled = 0;
        for (var page = 0; page < MaxPages; page++)
        {
            var result = await PageAsync(token, count => throttled += count, ct).ConfigureAwait(false);
            await onPage(result.Users).ConfigureAwait(false);
            token = result.PaginationToken;
            if (token is null)
            {
                return throttled;
            }
        }

        throw new CliException(ExitCodes.Aws, "aws", $"{role} {pool.UserPoolId}: ListUsers did not end after {MaxPages} pages");
    }

    private async Task<UserPage> PageAsync(string? token, Action<int> countThrottle, CancellationToken ct)
    {
        try
        {
            return await ThrottleRetry.RunAsync(async () =>
            {
                await limiter.WaitAsync(ct).ConfigureAwait(false);
                return await pool.ListUsersPageAsync(PageSize, token, ct).ConfigureAwait(false);
            }, limiter, tuning, () => countThrottle(1), ct).ConfigureAwait(false);
        }
        catch (CognitoException e)
        {
            throw AwsFailures.FromCognito(e, $"{role} {pool.UserPoolId}");
        }
    }
}
