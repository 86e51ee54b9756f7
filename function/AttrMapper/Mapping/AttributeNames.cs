using System.Collections.Frozen;

namespace AttrMapper.Mapping;

/// <summary>The kinds of Cognito attribute names the map works with. Names are case-sensitive (ordinal), as in Cognito.</summary>
public static class AttributeNames
{
    public const string Email = "email";
    public const string EmailVerified = "email_verified";
    public const string PhoneNumber = "phone_number";
    public const string PhoneNumberVerified = "phone_number_verified";
    public const string Sub = "sub";

    /// <summary>Longest value Cognito stores for one attribute, in UTF-16 characters (string.Length).</summary>
    public const int MaxValueLength = 2048;

    private const string CustomPrefix = "custom:";
    private const string DeveloperCustomPrefix = "dev:custom:";
    private const int MaxCustomNameLength = 20;

    public static readonly FrozenSet<string> Standard = new[]
    {
        "address", "birthdate", Email, EmailVerified, "family_name", "gender", "given_name", "locale", "middle_name",
        "name", "nickname", PhoneNumber, PhoneNumberVerified, "picture", "preferred_username", "profile", "updated_at",
        "website", "zoneinfo",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>sub, identities, username, cognito:*, dev:*: never emitted, never a target.</summary>
    public static bool IsNeverEmitted(string name) =>
        name is Sub or "identities" or "username"
        || name.StartsWith("cognito:", StringComparison.Ordinal)
        || name.StartsWith("dev:", StringComparison.Ordinal);

    /// <summary>A name the new pool can receive: a standard attribute, or <c>custom:</c> + 1–20 of [A-Za-z0-9_-].</summary>
    public static bool IsValidTarget(string name)
    {
        if (Standard.Contains(name))
        {
            return true;
        }

        if (!name.StartsWith(CustomPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = name.AsSpan(CustomPrefix.Length);
        if (rest.Length is 0 or > MaxCustomNameLength)
        {
            return false;
        }

        foreach (var c in rest)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A name an old pool can hand us and a rule may read.</summary>
    /// <remarks>
    /// Decision (section 4 is silent): a valid target, <c>sub</c>, or <c>custom:</c> / <c>dev:custom:</c> + 1–20
    /// printable non-space characters. Sources are looser than targets because Cognito lets an old pool's custom
    /// attribute hold any printable character (so <c>custom:a.b</c> can be renamed to <c>custom:a_b</c>), and a
    /// developer-only attribute may be renamed into a regular one on purpose. identities, username and cognito:* are
    /// not sources: there is nothing sensible to carry over from them.
    /// </remarks>
    public static bool IsValidSource(string name)
    {
        if (IsValidTarget(name) || name == Sub)
        {
            return true;
        }

        ReadOnlySpan<char> rest;
        if (name.StartsWith(CustomPrefix, StringComparison.Ordinal))
        {
            rest = name.AsSpan(CustomPrefix.Length);
        }
        else if (name.StartsWith(DeveloperCustomPrefix, StringComparison.Ordinal))
        {
            rest = name.AsSpan(DeveloperCustomPrefix.Length);
        }
        else
        {
            return false;
        }

        if (rest.Length is 0 or > MaxCustomNameLength)
        {
            return false;
        }

        foreach (var c in rest)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>email_verified and phone_number_verified: the flags Cognito trusts as proof of ownership.</summary>
    /// <remarks>
    /// Decision: only these two count as "*_verified" flags. A custom:x_verified means nothing to Cognito, so a
    /// default or rename into one is not a forgery and is allowed.
    /// </remarks>
    public static bool IsVerificationFlag(string name) => name is EmailVerified or PhoneNumberVerified;

    /// <summary>The attribute a verification flag vouches for.</summary>
    public static string VerifiedAttributeOf(string flag) => flag == EmailVerified ? Email : PhoneNumber;
}
