namespace AttrMapper.Demo.Walkthrough;

/// <summary>A plain-text table whose cells may span several lines, for the demo's terminal output.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[][]> _rows = [];

    public void Add(params string[] cells) =>
        _rows.Add([.. cells.Select(c => c.Split('\n'))]);

    public void WriteTo(TextWriter output, string indent = "  ")
    {
        ArgumentNullException.ThrowIfNull(output);
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Max(l => l.Length) : 0))).ToArray();
        output.WriteLine(indent + Line(headers, widths));
        output.WriteLine(indent + string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            var height = row.Max(c => c.Length);
            for (var line = 0; line < height; line++)
            {
                output.WriteLine(indent + Line([.. row.Select(c => line < c.Length ? c[line] : string.Empty)], widths));
            }
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
