using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace AttrMapper.Aws;

/// <summary>Credentials of a role in another account (STS AssumeRole), cached and refreshed before they expire.</summary>
internal sealed class AssumedRoleCredentials : ICredentialProvider, IDisposable
{
    /// <summary>Refresh this long before the credentials expire.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly RefreshingCache<ImmutableCredentials> _cache;
    private readonly IDisposable? _owned;

    /// <param name="assume">One AssumeRole call: the credentials and their expiry.</param>
    /// <param name="time">The clock.</param>
    /// <param name="stats">Counters of fetches and failures.</param>
    public AssumedRoleCredentials(
        Func<CancellationToken, Task<(ImmutableCredentials Credentials, DateTimeOffset Expiration)>> assume,
        TimeProvider time,
        CacheStats? stats = null)
        : this(assume, time, stats, owned: null)
    {
    }

    private AssumedRoleCredentials(
        Func<CancellationToken, Task<(ImmutableCredentials Credentials, DateTimeOffset Expiration)>> assume,
        TimeProvider time,
        CacheStats? stats,
        IDisposable? owned)
    {
        _owned = owned;
        _cache = new RefreshingCache<ImmutableCredentials>(
            async ct =>
            {
                var (credentials, expiration) = await assume(ct).ConfigureAwait(false);
                var refreshAt = expiration - RefreshMargin;
                var now = time.GetUtcNow();
                if (refreshAt <= now)
                {
                    // Very short sessions: refresh halfway instead of on every call.
                    refreshAt = now + ((expiration - now) / 2);
                }

                return new CacheFill<ImmutableCredentials>(credentials, refreshAt, expiration);
            },
            time,
            fetchTimeout: TimeSpan.FromSeconds(5),
            retryAfterFailure: TimeSpan.FromSeconds(10),
            stats);
    }

    public CacheStats Stats => _cache.Stats;

    /// <summary>The AssumeRole call running now, or a completed task.</summary>
    public Task Refreshing => _cache.Refreshing;

    /// <summary>
    /// Builds the STS client (the endpoint override from the configuration when set, else the regional one) signed with
    /// <paramref name="source"/>, and assumes <paramref name="roleArn"/> with the optional external id.
    /// </summary>
    public static AssumedRoleCredentials Create(
        AWSCredentials source,
        string region,
        string roleArn,
        string? externalId,
        Uri? endpoint,
        TimeProvider time)
    {
        // The cache bounds each refresh (5 s) and keeps the old credentials on failure: one quick retry at most here.
        var config = new AmazonSecurityTokenServiceConfig { MaxErrorRetry = 1, Timeout = TimeSpan.FromSeconds(2) };
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

        var sts = new AmazonSecurityTokenServiceClient(source, config);
        return new AssumedRoleCredentials(
            async ct =>
            {
                var response = await sts.AssumeRoleAsync(
                    new AssumeRoleRequest
                    {
                        RoleArn = roleArn,
                        RoleSessionName = "attrmapper-migration",
                        ExternalId = string.IsNullOrEmpty(externalId) ? null : externalId,
                        DurationSeconds = 3600,
                    },
                    ct).ConfigureAwait(false);
                var c = response.Credentials ?? throw new InvalidOperationException("AssumeRole returned no credentials.");
                return (new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken),
                    new DateTimeOffset(DateTime.SpecifyKind(c.Expiration ?? default, DateTimeKind.Utc)));
            },
            time,
            stats: null,
            owned: sts);
    }

    public ValueTask<ImmutableCredentials?> GetAsync(CancellationToken ct) => _cache.GetAsync(ct);

    public void Dispose() => _owned?.Dispose();
}
