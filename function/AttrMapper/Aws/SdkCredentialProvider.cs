using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace AttrMapper.Aws;

/// <summary>Credentials from the SDK's default chain (in Lambda: the environment variables with a session token), resolved once.</summary>
public sealed class SdkCredentialProvider : ICredentialProvider
{
    private readonly AWSCredentials _credentials;

    /// <param name="credentials">Any SDK credentials; refreshing kinds refresh themselves before expiry.</param>
    public SdkCredentialProvider(AWSCredentials credentials) => _credentials = credentials;

    public AWSCredentials Credentials => _credentials;

    /// <summary>Resolves the default chain once; call at init.</summary>
    public static SdkCredentialProvider FromDefaultChain() =>
        new(DefaultAWSCredentialsIdentityResolver.GetCredentials());

    public async ValueTask<ImmutableCredentials?> GetAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return await _credentials.GetCredentialsAsync().ConfigureAwait(false);
    }
}
