using System.Collections.Frozen;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;

namespace AttrMapper.Mapping;

/// <summary>An old-pool ID token's claims as AdminGetUser would give them: the attribute list and the groups.</summary>
/// <remarks>
/// The token is read without verifying its signature: it came over TLS in answer to our own signed request (section 4).
/// Fidelity decisions (a claim becomes exactly the string AdminGetUser returns, or the whole token is refused):
/// <list type="bullet">
/// <item>Strings are unchanged (JSON escapes undone); <c>true</c>/<c>false</c> become "true"/"false"
/// (<c>email_verified</c>, <c>phone_number_verified</c>); numbers must be JSON integers and keep their exact digits
/// (<c>updated_at</c> 1700000000 → "1700000000"). A fraction or exponent, <c>null</c>, an array or an object where
/// an attribute is expected refuses the token: AdminGetUser's text for it cannot be known.</item>
/// <item><c>cognito:groups</c> (an array of strings) is the groups; every other <c>cognito:*</c> claim and the JWT's
/// own claims are never attributes, whatever their type.</item>
/// <item><c>address</c> (an object in a token, a JSON string from AdminGetUser) and <c>identities</c> are left out:
/// a map under IdToken may not read them, so omitting them cannot change an answer, and refusing every token that
/// carries an address would make the source useless for pools whose client may read it.</item>
/// <item>Fail closed: not one JSON object, a repeated claim, invalid UTF-8, over 64 KB, or a <c>token_use</c> other
/// than "id" (an access token by mistake) gives null.</item>
/// </list>
/// </remarks>
public sealed class IdTokenClaims
{
    /// <summary>Largest payload accepted (a Cognito ID token's is a few KB).</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    private const string GroupsClaim = "cognito:groups";

    private static readonly FrozenSet<string> JwtClaims = new[]
    {
        "iss", "aud", "exp", "iat", "auth_time", "token_use", "event_id", "jti", "origin_jti", "at_hash", "nonce", "acr", "amr",
    }.ToFrozenSet(StringComparer.Ordinal);

    private IdTokenClaims(List<KeyValuePair<string, string>> attributes, List<string> groups)
    {
        Attributes = attributes.AsReadOnly();
        Groups = new ReadOnlyCollection<string>(groups);
    }

    /// <summary>The attributes, in claim order, as AdminGetUser's <c>UserAttributes</c> would list them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; }

    /// <summary>The old group names from <c>cognito:groups</c>, in token order; empty when the claim is absent.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>Reads a whole JWT (header.payload.signature): the payload's claims, or null when anything is malformed.</summary>
    public static IdTokenClaims? FromIdToken(string? idToken)
    {
        if (idToken is null)
        {
            return null;
        }

        var first = idToken.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : idToken.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || second == idToken.Length - 1 || idToken.IndexOf('.', second + 1) >= 0)
        {
            return null;
        }

        return Base64UrlSegment.Decode(idToken.AsSpan(first + 1, second - first - 1), MaxPayloadBytes) is { } payload
            ? Read(payload)
            : null;
    }

    /// <summary>Reads a decoded payload (UTF-8 JSON): the claims, or null when anything is malformed.</summary>
    public static IdTokenClaims? Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            return null;
        }

        try
        {
            return ReadObject(payload);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 or a broken \u escape inside a string.
            return null;
        }
    }

    private static IdTokenClaims? ReadObject(ReadOnlySpan<byte> payload)
    {
        var json = new Utf8JsonReader(payload, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var attributes = new List<KeyValuePair<string, string>>();
        var groups = new List<string>();
        var isIdToken = false;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var name = json.GetString()!;
            json.Read();
            if (!seen.Add(name))
            {
                return null;
            }

            if (name == GroupsClaim)
            {
                if (!ReadGroups(ref json, groups))
                {
                    return null;
                }
            }
            else if (name == "token_use")
            {
                isIdToken = json.TokenType == JsonTokenType.String && json.ValueTextEquals("id"u8);
                json.Skip();
            }
            else if (JwtClaims.Contains(name) || name.StartsWith("cognito:", StringComparison.Ordinal) || name is "address" or "identities")
            {
                json.Skip();
            }
            else if (AttributeText(ref json) is { } value)
            {
                attributes.Add(new(name, value));
            }
            else
            {
                return null;
            }
        }

        // Anything but whitespace after the object throws.
        json.Read();
        return isIdToken ? new IdTokenClaims(attributes, groups) : null;
    }

    private static bool ReadGroups(ref Utf8JsonReader json, List<string> groups)
    {
        if (json.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            if (json.TokenType != JsonTokenType.String)
            {
                return false;
            }

            groups.Add(json.GetString()!);
        }

        return true;
    }

    /// <summary>The claim as AdminGetUser's attribute text, or null when its type has no exact equivalent.</summary>
    private static string? AttributeText(ref Utf8JsonReader json)
    {
        switch (json.TokenType)
        {
            case JsonTokenType.String:
                return json.GetString();
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Number:
                var digits = json.ValueSpan;
                var start = digits.Length > 0 && digits[0] == (byte)'-' ? 1 : 0;
                if (digits.Length == start)
                {
                    return null;
                }

                for (var i = start; i < digits.Length; i++)
                {
                    if (digits[i] is < (byte)'0' or > (byte)'9')
                    {
                        return null;
                    }
                }

                return Encoding.ASCII.GetString(digits);
            default:
                return null;
        }
    }
}
