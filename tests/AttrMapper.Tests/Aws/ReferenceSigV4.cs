using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AttrMapper.Tests.Aws;

/// <summary>
/// An independent, deliberately plain SigV4 used only to check the production wiring. It is itself pinned to the official
/// post-vanilla vector in <see cref="RequestSignerTests"/>.
/// </summary>
internal static class ReferenceSigV4
{
    public static (string CanonicalRequest, string StringToSign, string Signature) Sign(
        string method, string host, IEnumerable<KeyValuePair<string, string>> headers, byte[] payload,
        string secretKey, DateTime at, string region, string service)
    {
        var amzDate = at.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = at.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var all = headers.Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
            .Append(("host", host))
            .OrderBy(h => h.Item1, StringComparer.Ordinal)
            .ToList();
        var canonicalHeaders = string.Concat(all.Select(h => $"{h.Item1}:{h.Item2}\n"));
        var signedHeaders = string.Join(';', all.Select(h => h.Item1));
        var creq = $"{method}\n/\n\n{canonicalHeaders}\n{signedHeaders}\n{Hex(SHA256.HashData(payload))}";
        var scope = $"{day}/{region}/{service}/aws4_request";
        var sts = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(creq)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), day);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return (creq, sts, Hex(Hmac(key, sts)));
    }

    public static string SignedHeaders(string authorization) =>
        authorization.Split("SignedHeaders=")[1].Split(',')[0];

    public static string Signature(string authorization) => authorization.Split("Signature=")[1].Trim();

    public static string Scope(string authorization) => authorization.Split("Credential=")[1].Split(',')[0];

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
