using System.Text;

namespace AttrMapper.Cli.Sweep;

/// <summary>
/// One line of Cognito's user import file: every column of GetCSVHeader in its order, empty where the user has no value.
/// </summary>
/// <remarks>
/// Escaping, as Cognito's import reads a file ("Formatting the CSV file"): string values are not quoted; a comma inside a
/// value is written <c>\,</c>. So that every value reads back as written, a backslash is written <c>\\</c> and a double
/// quote <c>\"</c> (else a value starting with a quote would open a quoted field). A value holding a line break cannot be
/// written that way; it is wrapped in double quotes as RFC 4180 does (inside, commas and backslashes are plain and a quote
/// is doubled). Booleans (<c>*_verified</c>, <c>cognito:mfa_enabled</c>) are written <c>true</c> / <c>false</c>.
/// </remarks>
internal static class ImportCsvFormat
{
    public const string UsernameColumn = "cognito:username";
    public const string MfaColumn = "cognito:mfa_enabled";

    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        if (value.AsSpan().IndexOfAny(',', '\\', '"') < 0)
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is ',' or '\\' or '"')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }

    public static string HeaderLine(IReadOnlyList<string> header) => string.Join(',', header.Select(Escape));

    /// <summary>
    /// The line for a user imported as <paramref name="username"/> with <paramref name="attributes"/> (the map's answer),
    /// or the reason it cannot be written: an attribute the new pool's header has no column for.
    /// </summary>
    public static (string? Line, string? MissingColumn) Line(IReadOnlyList<string> header, string username, IReadOnlyDictionary<string, string> attributes)
    {
        foreach (var name in attributes.Keys)
        {
            if (!header.Contains(name, StringComparer.Ordinal) || name is UsernameColumn or MfaColumn)
            {
                return (null, name);
            }
        }

        var line = new StringBuilder(256);
        for (var i = 0; i < header.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var column = header[i];
            var value = column switch
            {
                UsernameColumn => username,

                // The forgot-password migration never turns SMS MFA on (DESIGN.md §5); neither does the sweep.
                MfaColumn => "false",
                _ => attributes.TryGetValue(column, out var v) ? v : string.Empty,
            };
            if (column.EndsWith("_verified", StringComparison.Ordinal) && bool.TryParse(value, out var flag))
            {
                value = flag ? "true" : "false";
            }

            line.Append(Escape(value));
        }

        return (line.ToString(), null);
    }
}
