using System.Text;

namespace AttrMapper.LocalPeers;

/// <summary>
/// Reads a user import file the way Cognito's import does: comma-separated, a comma inside a value escaped with a backslash
/// (<c>a\,b</c>), a value may also be wrapped in double quotes (inside which commas are plain and <c>""</c> is a quote).
/// </summary>
public static class ImportCsv
{
    /// <summary>One record: its first line number (1-based), its length in characters, and its values.</summary>
    public sealed record Record(int Line, int Length, IReadOnlyList<string> Values);

    public static List<Record> Read(string text)
    {
        var records = new List<Record>();
        var values = new List<string>();
        var value = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var recordStart = 0;
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    value.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    value.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '\\' when i + 1 < text.Length && text[i + 1] is ',' or '\\' or '"':
                    value.Append(text[i + 1]);
                    i += 2;
                    continue;
                case '"' when value.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    values.Add(value.ToString());
                    value.Clear();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                    values.Add(value.ToString());
                    value.Clear();
                    Add(records, values, recordLine, i - recordStart - (i > 0 && text[i - 1] == '\r' ? 1 : 0));
                    values = [];
                    line++;
                    recordLine = line;
                    recordStart = i + 1;
                    break;
                default:
                    value.Append(c);
                    break;
            }

            i++;
        }

        if (value.Length > 0 || values.Count > 0)
        {
            values.Add(value.ToString());
            Add(records, values, recordLine, text.Length - recordStart);
        }

        return records;
    }

    private static void Add(List<Record> records, List<string> values, int line, int length)
    {
        // A blank line is no record.
        if (values.Count == 1 && values[0].Length == 0)
        {
            return;
        }

        records.Add(new Record(line, length, values));
    }
}
