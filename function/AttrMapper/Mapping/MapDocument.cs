// TEMP map stand-in: lets the Parameters/ code compile before the real Mapping/ engine is merged.
// The lead drops this file at merge; nothing here is the real map semantics.
using System.Text.Json;

namespace AttrMapper.Mapping;

internal sealed record MapProblem(string Path, string Message, string Hint);

internal sealed record MapParseResult(AttributeMap? Map, IReadOnlyList<MapProblem> Problems)
{
    public bool IsValid => Map is not null;
}

/// <summary>TEMP stand-in for the validated attribute map.</summary>
internal sealed class AttributeMap
{
    internal AttributeMap(int version) => Version = version;

    public int Version { get; }
}

/// <summary>TEMP stand-in parser: accepts only a JSON object with "version": 1 and a "rules" array.</summary>
internal static class MapDocument
{
    public static MapParseResult Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt32() == 1
                && root.TryGetProperty("rules", out var r) && r.ValueKind == JsonValueKind.Array)
            {
                return new MapParseResult(new AttributeMap(1), []);
            }
        }
        catch (JsonException)
        {
        }

        return new MapParseResult(null, [new MapProblem("$", "not a version 1 map document", "stand-in parser")]);
    }
}
