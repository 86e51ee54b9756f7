using System.Text.RegularExpressions;

namespace AttrMapper.Migration;

/// <summary>Whether a typed name looks like the attribute an alias lookup would search by.</summary>
internal static partial class AliasShapes
{
    public static bool IsEmail(string typed) => Email().IsMatch(typed);

    public static bool IsPhoneNumber(string typed) => Phone().IsMatch(typed);

    [GeneratedRegex(@"^[^@\s""\\]{1,64}@[^@\s""\\]{1,255}$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+[1-9][0-9]{5,14}$")]
    private static partial Regex Phone();
}
