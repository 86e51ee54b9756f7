using Amazon.Runtime;

namespace AttrMapper.Aws;

/// <summary>Hands out current AWS credentials for signing; implementations refresh before expiry.</summary>
public interface ICredentialProvider
{
    /// <summary>Current credentials, or null when none can be had right now.</summary>
    ValueTask<ImmutableCredentials?> GetAsync(CancellationToken ct);
}
