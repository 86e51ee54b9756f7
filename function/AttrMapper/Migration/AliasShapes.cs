using System.Text.RegularExpressions;
using AttrMapper.Configuration;

namespace AttrMapper.Migration;

/// <summary>Whether a typed name looks like the attribute an alias lookup would search by.</summary>
internal static partial class AliasShapes
{
    public static bool IsEmail(string typed) => Email().IsMatch(typed);

    public static bool IsPhoneNumber(string typed) => Phone().IsMatch(typed);

    /// <summary>The attribute to look <paramref name="typed"/> up by, when the lookup allows it and the name has its shape; else null.</summary>
    public static string? AttributeFor(AliasAttributes lookup, string typed)
    {
        if (lookup.HasFlag(AliasAttributes.Email) && IsEmail(typed))
        {
            return "email";
        }

        return lookup.HasFlag(AliasAttributes.PhoneNumber) && IsPhoneNumber(typed) ? "phone_number" : null;
    }

    [GeneratedRegex(@"^[^@\s""\\]{1,64}@[^@\s""\\]{1,255}$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+[1-9][0-9]{5,14}$")]
    private static partial Regex Phone();
}
