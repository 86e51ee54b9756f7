using System.Globalization;
using System.Text;

namespace AttrMapper.Mapping;

/// <summary>Builds the JSON paths problems point at: <c>$.rules[3].to</c>, or <c>$['odd key']</c> for keys that are not identifiers.</summary>
public static class JsonPath
{
    public const string Root = "$";

    public static string Property(string parent, string name)
    {
        if (IsIdentifier(name))
        {
            return string.Concat(parent, ".", name);
        }

        var builder = new StringBuilder(parent.Length + name.Length + 8);
        builder.Append(parent).Append("['");
        NameText.AppendEscaped(builder, name, '\'');
        builder.Append("']");
        return builder.ToString();
    }

    public static string Index(string parent, int index) =>
        string.Concat(parent, "[", index.ToString(CultureInfo.InvariantCulture), "]");

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || name.Length > 64 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
