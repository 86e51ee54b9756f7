using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AttrMapper.Cli.Output;

/// <summary>Writes one JSON document for --json with <see cref="Utf8JsonWriter"/>: no reflection, stable field order.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Attribute values and names (custom:x) are printed as they are; this is a terminal or a pipe, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Flush();
    }

    public static void WriteStringOrNull(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    public static void WriteAttributes(this Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in attributes)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
