using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AttrMapper.LocalPeers;

/// <summary>How Cognito writes a user's attributes into an ID token, and the JWT's three base64url parts.</summary>
internal static class IdTokenClaims
{
    /// <summary>One attribute as an ID token claim: typed flags and updated_at, address as an object, everything else a string.</summary>
    public static JsonNode? Claim(string name, string value)
    {
        switch (name)
        {
            case "email_verified" or "phone_number_verified":
                return string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
            case "updated_at" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                return n;
            case "address":
                return new JsonObject { ["formatted"] = value };
            case "identities":
                try
                {
                    return JsonNode.Parse(value);
                }
                catch (System.Text.Json.JsonException)
                {
                    return value;
                }

            default:
                // custom:* (whatever the schema type) and every other standard attribute are strings.
                return value;
        }
    }

    public static JsonObject Payload(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException("A JWT has three parts.");
        }

        return JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))?.AsObject() ?? throw new FormatException("The payload is not a JSON object.");
    }

    /// <summary>The same token with another payload (its signature then no longer verifies; nothing here verifies it).</summary>
    public static string WithPayload(string jwt, JsonObject payload)
    {
        var parts = jwt.Split('.');
        return parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];
    }
}
