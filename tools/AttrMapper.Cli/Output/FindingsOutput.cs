using System.Text.Json;
using AttrMapper.Cli.Maps;

namespace AttrMapper.Cli.Output;

/// <summary>Prints validation findings for people (one block each, with its hint) or as a JSON array.</summary>
internal static class FindingsOutput
{
    public static void Human(TextWriter output, IReadOnlyList<Finding> findings)
    {
        foreach (var f in findings.OrderBy(f => f.Severity))
        {
            output.WriteLine($"  {(f.Severity == Severity.Error ? "error  " : "warning")} {f.Path}: {f.Message}");
            output.WriteLine($"          hint: {f.Hint}");
        }
    }

    public static void Json(Utf8JsonWriter json, IReadOnlyList<Finding> findings)
    {
        json.WriteStartArray("findings");
        foreach (var f in findings.OrderBy(f => f.Severity))
        {
            json.WriteStartObject();
            json.WriteString("severity", f.Severity == Severity.Error ? "error" : "warning");
            json.WriteString("path", f.Path);
            json.WriteString("message", f.Message);
            json.WriteString("hint", f.Hint);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static string Summary(IReadOnlyList<Finding> findings)
    {
        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count - errors;
        return $"{errors} error{(errors == 1 ? string.Empty : "s")}, {warnings} warning{(warnings == 1 ? string.Empty : "s")}";
    }
}
