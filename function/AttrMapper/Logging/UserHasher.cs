using System.Security.Cryptography;
using System.Text;

namespace AttrMapper.Logging;

/// <summary>
/// Turns a username into a short keyed hash, so one user's attempts can be followed through the logs without the
/// name itself being there. <see cref="Label"/> goes in the log line beside it (<c>userHashKey</c>), so nobody compares
/// hashes made under different keys.
/// </summary>
internal sealed class UserHasher
{
    private readonly byte[]? key;

    public UserHasher(byte[] key, string label = "custom")
    {
        this.key = key;
        Label = label;
    }

    private UserHasher(string label) => Label = label;

    /// <summary>Which key made the hashes: <c>key-v{n}</c>, <c>deployment</c>, or why there is none (e.g. <c>key_unavailable</c>).</summary>
    public string Label { get; }

    /// <summary>
    /// Keyed by the function's own secret (the <c>log-hash</c> sub-key of KEY_PARAMETER, version <paramref name="keyVersion"/>):
    /// someone who reads the logs but cannot read that parameter cannot test a guessed username against a hash.
    /// </summary>
    public static UserHasher ForKey(byte[] logHashKey, long keyVersion) => new(logHashKey, $"key-v{keyVersion}");

    /// <summary>
    /// Without KEY_PARAMETER: the key is derived from the deployment (old pool and client), so every container hashes a
    /// name alike. It is a pseudonym for correlation, not a secret: it keeps names out of logs, not out of guessing.
    /// </summary>
    public static UserHasher ForDeployment(string oldUserPoolId, string oldClientId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"attrmapper/user-hash/v1/{oldUserPoolId}/{oldClientId}")), "deployment");

    /// <summary>
    /// KEY_PARAMETER is set but its key is not loaded (yet, or its value is not a key): no hash at all rather than one
    /// under a guessable fallback key, since the pool and client ids are not secret. <paramref name="reason"/> says why.
    /// </summary>
    public static UserHasher Unavailable(string reason) => new(reason);

    /// <summary>The hash, or null when this hasher has no key.</summary>
    public string? Hash(string userName)
    {
        if (key is null)
        {
            return null;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(userName), mac);
        return Convert.ToHexStringLower(mac[..8]);
    }
}
