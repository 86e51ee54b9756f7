using System.Globalization;
using System.Text;

namespace AttrMapper.Mapping;

/// <summary>Renders names for problem messages: quoted, escaped, and cut short so a hostile document cannot flood a log.</summary>
internal static class NameText
{
    private const int MaxShown = 64;

    public static string Quote(string name)
    {
        var builder = new StringBuilder(Math.Min(name.Length, MaxShown) + 8);
        builder.Append('"');
        AppendEscaped(builder, name, '"');
        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>Appends <paramref name="text"/> with control characters, backslashes and <paramref name="quote"/> escaped, truncated.</summary>
    public static void AppendEscaped(StringBuilder builder, string text, char quote)
    {
        var shown = text.Length > MaxShown ? text.AsSpan(0, MaxShown) : text.AsSpan();
        foreach (var c in shown)
        {
            if (c == quote || c == '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (text.Length > MaxShown)
        {
            builder.Append('…');
        }
    }
}
