using System.Security.Cryptography;
using System.Text;

namespace AttrMapper.Cognito;

/// <summary>Cognito's SECRET_HASH: base64(HMAC-SHA256(key = client secret, message = username + client id)).</summary>
internal static class SecretHash
{
    public static string Compute(string username, string clientId, string clientSecret)
    {
        var key = Encoding.UTF8.GetBytes(clientSecret);
        var message = Encoding.UTF8.GetBytes(username + clientId);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, message, mac);
        CryptographicOperations.ZeroMemory(key);
        return Convert.ToBase64String(mac);
    }
}
