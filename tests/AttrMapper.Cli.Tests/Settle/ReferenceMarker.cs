using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using AttrMapper.Parameters;

namespace AttrMapper.Cli.Tests.Settle;

/// <summary>
/// Markers written from the format's description (GroupsMarker's remarks), not by the function's writer, which the CLI's
/// tests cannot reach: HMAC-SHA256 under the key's <c>groups-marker</c> sub-key over length-prefixed domain, pool,
/// sign-in name and payload. That the function's own verifier accepts them is what the settle tests' positive cases show.
/// </summary>
internal static class ReferenceMarker
{
    public static string Groups(FunctionKey key, string pool, string signInName, params string[] groups) =>
        Make(key, pool, signInName, "[" + string.Join(",", groups.Select(g => "\"" + g + "\"")) + "]");

    public static string Lookup(FunctionKey key, string pool, string signInName, string oldUsername) =>
        Make(key, pool, signInName, "{\"lookup\":\"" + oldUsername + "\"}");

    public static string Make(FunctionKey key, string pool, string signInName, string payloadJson)
    {
        var payload = Encoding.UTF8.GetBytes(payloadJson);
        return "v1." + Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Tag(key, pool, signInName, payload));
    }

    /// <summary>The marker with its payload segment replaced by <paramref name="payloadJson"/>, the tag kept.</summary>
    public static string WithPayload(string marker, string payloadJson)
    {
        var parts = marker.Split('.');
        return $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson))}.{parts[2]}";
    }

    private static byte[] Tag(FunctionKey key, string pool, string signInName, byte[] payload)
    {
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var field in new[] { "attrmapper/groups-marker/v1"u8.ToArray(), Encoding.UTF8.GetBytes(pool), Encoding.UTF8.GetBytes(signInName), payload })
        {
            BinaryPrimitives.WriteInt32BigEndian(length, field.Length);
            buffer.Write(length);
            buffer.Write(field);
        }

        return HMACSHA256.HashData(key.Derive(FunctionKey.GroupsMarkerPurpose), buffer.ToArray());
    }
}
