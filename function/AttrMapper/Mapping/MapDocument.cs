using System.Text;

namespace AttrMapper.Mapping;

/// <summary>Reads and validates an attribute map document (section 4): a usable map, or every problem in it.</summary>
/// <remarks>Problems come in two runs, each in document order: the document's shape first, then the rules' meaning.</remarks>
public static class MapDocument
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static MapParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var text = json.StartsWith('\uFEFF') ? json.AsSpan(1) : json.AsSpan();
        var utf8 = new byte[Encoding.UTF8.GetByteCount(text)];
        Encoding.UTF8.GetBytes(text, utf8);
        return Parse(utf8);
    }

    public static MapParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith(Utf8Bom))
        {
            utf8Json = utf8Json[Utf8Bom.Length..];
        }

        var problems = new List<MapProblem>();
        var draft = MapReader.Read(utf8Json, problems);
        if (draft is not null)
        {
            MapValidator.Validate(draft, problems);
        }

        // An invalid map is never partly used.
        return draft is null || problems.Count > 0
            ? new MapParseResult(null, problems.AsReadOnly())
            : new MapParseResult(AttributeMap.FromValidDraft(draft), []);
    }
}
