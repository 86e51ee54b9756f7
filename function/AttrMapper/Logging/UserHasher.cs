using System.Security.Cryptography;
using System.Text;

namespace AttrMapper.Logging;

/// <summary>
/// Turns a username into a short keyed hash, so one user's attempts can be followed through the logs without the
/// name itself being there.
/// </summary>
internal sealed class UserHasher
{
    private readonly byte[] key;

    public UserHasher(byte[] key) => this.key = key;

    /// <summary>
    /// With <c>LOG_HASH_KEY</c> (a secret of at least 32 characters) the hash is keyed by that secret: someone who
    /// reads the logs but not the function's configuration cannot test a guessed username against it. Without it,
    /// <see cref="ForDeployment"/> applies.
    /// </summary>
    public static UserHasher For(string? logHashKey, string oldUserPoolId, string oldClientId) =>
        logHashKey is null
            ? ForDeployment(oldUserPoolId, oldClientId)
            : new(SHA256.HashData(Encoding.UTF8.GetBytes($"attrmapper/user-hash/v2/{logHashKey}")));

    /// <summary>
    /// The key is derived from the deployment (old pool and client), so every container of the function hashes a name
    /// alike. It is a pseudonym for correlation, not a secret: it keeps names out of logs, not out of guessing.
    /// </summary>
    public static UserHasher ForDeployment(string oldUserPoolId, string oldClientId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"attrmapper/user-hash/v1/{oldUserPoolId}/{oldClientId}")));

    public string Hash(string userName)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(userName), mac);
        return Convert.ToHexStringLower(mac[..8]);
    }
}
