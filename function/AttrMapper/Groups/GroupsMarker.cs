using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AttrMapper.Mapping;

namespace AttrMapper.Groups;

/// <summary>
/// The pending-groups marker (DESIGN.md §5): <c>v1.&lt;base64url(payload JSON)&gt;.&lt;base64url(tag)&gt;</c>.
/// Pure apart from the key it is given.
/// </summary>
/// <remarks>
/// Decisions where §5 is silent:
/// <list type="bullet">
/// <item>Payload: a JSON array of the new pool's group names (non-empty, ordinal-sorted as <see cref="GroupMap.Apply"/>
/// gives them), or for <c>lookup</c> the JSON object <c>{"lookup":"&lt;old username&gt;"}</c>. The old username rides
/// inside the tagged payload because the settle trigger must know whom to look up in the old pool, and after an alias
/// lookup it is not the name the user typed; being tagged, nobody can point a lookup at someone else's old groups.</item>
/// <item>Tag: HMAC-SHA256 under <c>Derive("groups-marker")</c> over, each as a 4-byte big-endian length then the UTF-8
/// bytes: the domain string <c>attrmapper/groups-marker/v1</c>, the new pool id, the sign-in name, the payload bytes.
/// Length prefixes make the encoding unambiguous (no "pool|na" + "me" = "pool|n" + "ame").</item>
/// <item>Base64url must be canonical (re-encoding the decoded bytes gives the same text), so no two texts carry one tag
/// and every single-character change is a change of the bytes.</item>
/// </list>
/// </remarks>
internal static class GroupsMarker
{
    /// <summary>A marker is an attribute value: at most this many characters (more groups than fit: lookup).</summary>
    public const int MaxLength = 2048;

    private const string Prefix = "v1.";
    private const int TagBytes = 32;
    private const string LookupMember = "lookup";
    private static readonly byte[] Domain = "attrmapper/groups-marker/v1"u8.ToArray();

    /// <summary>
    /// The marker for <paramref name="payload"/>; a group list that does not fit in <see cref="MaxLength"/> becomes a
    /// lookup under <paramref name="oldUsername"/>. Null when there is nothing to carry (no group) or nothing fits.
    /// </summary>
    public static string? Encode(byte[] markerKey, string poolId, string signInName, MarkerPayload payload, string oldUsername)
    {
        if (payload.Groups is { Count: 0 })
        {
            return null;
        }

        var marker = Write(markerKey, poolId, signInName, payload);
        if (marker.Length <= MaxLength || payload.IsLookup)
        {
            return marker.Length <= MaxLength ? marker : null;
        }

        marker = Write(markerKey, poolId, signInName, MarkerPayload.Lookup(oldUsername));
        return marker.Length <= MaxLength ? marker : null;
    }

    /// <summary>The payload of a marker whose tag verifies for this pool and sign-in name; null for anything else.</summary>
    public static MarkerPayload? Verify(byte[] markerKey, string poolId, string signInName, string? marker)
    {
        if (marker is null || marker.Length > MaxLength || !marker.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = marker.AsSpan(Prefix.Length);
        var dot = rest.IndexOf('.');
        if (dot <= 0 || rest[(dot + 1)..].Contains('.'))
        {
            return null;
        }

        var payloadBytes = DecodeCanonical(rest[..dot], MaxLength);
        var tag = DecodeCanonical(rest[(dot + 1)..], TagBytes);
        if (payloadBytes is null || tag is null || tag.Length != TagBytes)
        {
            return null;
        }

        var expected = Tag(markerKey, poolId, signInName, payloadBytes);
        if (!CryptographicOperations.FixedTimeEquals(expected, tag))
        {
            return null;
        }

        return ReadPayload(payloadBytes);
    }

    private static string Write(byte[] markerKey, string poolId, string signInName, MarkerPayload payload)
    {
        var payloadBytes = WritePayload(payload);
        var tag = Tag(markerKey, poolId, signInName, payloadBytes);
        return string.Concat(Prefix, Base64Url.EncodeToString(payloadBytes), ".", Base64Url.EncodeToString(tag));
    }

    private static byte[] Tag(byte[] markerKey, string poolId, string signInName, byte[] payload)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Field(buffer, Domain);
        Field(buffer, Encoding.UTF8.GetBytes(poolId));
        Field(buffer, Encoding.UTF8.GetBytes(signInName));
        Field(buffer, payload);
        return HMACSHA256.HashData(markerKey, buffer.WrittenSpan);
    }

    private static void Field(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), bytes.Length);
        buffer.Advance(4);
        buffer.Write(bytes);
    }

    private static byte[] WritePayload(MarkerPayload payload)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (payload.Groups is { } groups)
            {
                writer.WriteStartArray();
                foreach (var group in groups)
                {
                    writer.WriteStringValue(group);
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteString(LookupMember, payload.OldUsername);
                writer.WriteEndObject();
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    // Only reached for bytes this function's key tagged, so a failure here means a key shared with something else:
    // still "not verified", never an exception.
    private static MarkerPayload? ReadPayload(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 4, AllowDuplicateProperties = false });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var groups = new List<string>(root.GetArrayLength());
                foreach (var item in root.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || item.GetString() is not { } name || !GroupNames.IsValid(name))
                    {
                        return null;
                    }

                    groups.Add(name);
                }

                return groups.Count > 0 ? MarkerPayload.Of(groups) : null;
            }

            if (root.ValueKind == JsonValueKind.Object
                && root.GetPropertyCount() == 1
                && root.TryGetProperty(LookupMember, out var old)
                && old.ValueKind == JsonValueKind.String
                && old.GetString() is { Length: > 0 } username)
            {
                return MarkerPayload.Lookup(username);
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[]? DecodeCanonical(ReadOnlySpan<char> segment, int maxBytes)
    {
        byte[]? bytes;
        try
        {
            bytes = Base64UrlSegment.Decode(segment, maxBytes);
        }
        catch (FormatException)
        {
            // Base64Url.TryDecodeFromChars throws (rather than returning false) for some non-canonical endings.
            return null;
        }

        return bytes is not null && segment.SequenceEqual(Base64Url.EncodeToString(bytes)) ? bytes : null;
    }
}
