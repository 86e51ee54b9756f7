using AttrMapper.Cli.Progress;
using AttrMapper.Cognito;
using AttrMapper.Groups;
using AttrMapper.Mapping;
using AttrMapper.Parameters;

namespace AttrMapper.Cli.Settle;

/// <summary>
/// <c>groups settle</c> for one listed user, through the function's own <see cref="MarkerSettlement"/>: the tag is
/// verified exactly as the post-authentication trigger verifies it (same key derivation, same sign-in name rule), and a
/// marker that does not verify is never acted on. Every call is paced by the shared <see cref="RateLimiter"/>; a
/// throttled settle is retried whole after a backoff (adding a member twice is harmless, the marker goes last).
/// </summary>
internal sealed class MarkerRun(
    MarkerSettlement settlement, FunctionKey key, string poolId, UsernameAttribute poolSignsInBy, GroupMap map,
    RateLimiter limiter, CliTuning tuning, bool dryRun, bool deleteRejected)
{
    /// <summary>TooManyRequests answers absorbed so far.</summary>
    public int ThrottledRetries { get; private set; }

    /// <summary>The user's result; null when the user carries no marker (no call is made for them).</summary>
    public async Task<UserSettle?> RunAsync(OldUser user, CancellationToken ct)
    {
        string? Attribute(string name)
        {
            foreach (var (n, v) in user.Attributes)
            {
                if (string.Equals(n, name, StringComparison.Ordinal))
                {
                    return v.Length > 0 ? v : null;
                }
            }

            return null;
        }

        if (Attribute(map.Marker) is not { } marker)
        {
            return null;
        }

        var payload = MarkerSettlement.Verify(key, poolId, user.Username, poolSignsInBy, Attribute, marker);
        if (payload is null)
        {
            return await RejectAsync(user.Username, ct).ConfigureAwait(false);
        }

        if (payload.IsLookup && !settlement.CanLookUp)
        {
            return new UserSettle(user.Username, SettleOutcome.Failed, [], [], Lookup: true,
                "lookup marker: the groups are read from the old pool, give --old-pool");
        }

        try
        {
            return await WithRetryAsync(async () =>
            {
                if (dryRun)
                {
                    var groups = await settlement.GroupsAsync(payload, map, PaceAsync, ct).ConfigureAwait(false);
                    return new UserSettle(user.Username, SettleOutcome.WouldSettle, groups, [], payload.IsLookup, null);
                }

                var settled = await settlement.SettleAsync(poolId, user.Username, payload, map, PaceAsync, ct).ConfigureAwait(false);
                return new UserSettle(user.Username, SettleOutcome.Settled, settled.Added, settled.Missing, payload.IsLookup, null);
            }, ct).ConfigureAwait(false);
        }
        catch (CognitoException e)
        {
            return new UserSettle(user.Username, SettleOutcome.Failed, [], [], payload.IsLookup, $"{Describe(e)}; the marker is kept");
        }
    }

    private async Task<UserSettle> RejectAsync(string username, CancellationToken ct)
    {
        const string Why = "the marker's tag does not verify for this user and pool";
        if (!deleteRejected || dryRun)
        {
            return new UserSettle(username, SettleOutcome.Rejected, [], [], false, Why + "; left in place");
        }

        try
        {
            await WithRetryAsync(async () =>
            {
                await settlement.DeleteMarkerAsync(poolId, username, map.Marker, PaceAsync, ct).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
            return new UserSettle(username, SettleOutcome.RejectedDeleted, [], [], false, Why + "; deleted");
        }
        catch (CognitoException e)
        {
            return new UserSettle(username, SettleOutcome.Rejected, [], [], false, $"{Why}; deleting it failed: {Describe(e)}");
        }
    }

    private Task<T> WithRetryAsync<T>(Func<Task<T>> attempt, CancellationToken ct) =>
        ThrottleRetry.RunAsync(attempt, limiter, tuning, () => ThrottledRetries++, ct);

    private ValueTask PaceAsync(CancellationToken ct) => new(limiter.WaitAsync(ct));

    // The kind and the sanitised code only: never upstream text.
    private static string Describe(CognitoException e) => e.Code.Length > 0 ? $"{e.Kind} ({e.Code})" : e.Kind.ToString();
}
