using System.Buffers.Text;

namespace AttrMapper.Mapping;

/// <summary>Decodes one base64url segment of a JWT (no padding, no whitespace), within a size bound.</summary>
internal static class Base64UrlSegment
{
    /// <summary>The decoded bytes; null when the text is not strict base64url or decodes to more than <paramref name="maxBytes"/>.</summary>
    public static byte[]? Decode(ReadOnlySpan<char> segment, int maxBytes)
    {
        // 4 characters carry 3 bytes; a remainder of 1 character carries none and is never valid.
        if (segment.IsEmpty || segment.Length % 4 == 1 || (long)segment.Length * 3 / 4 > maxBytes)
        {
            return null;
        }

        // Strict alphabet first: the decoder itself would also accept whitespace and padding.
        foreach (var c in segment)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return null;
            }
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(segment.Length)];
        return Base64Url.TryDecodeFromChars(segment, bytes, out var written)
            ? bytes.AsSpan(0, written).ToArray()
            : null;
    }
}
