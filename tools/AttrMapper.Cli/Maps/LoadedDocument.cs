using AttrMapper.Mapping;

namespace AttrMapper.Cli.Maps;

/// <summary>A map document read by the function's own reader and validator: the verdict, plus the draft (rules with their paths).</summary>
/// <param name="Draft">Null only when the text is not a JSON object at all.</param>
internal sealed record LoadedDocument(MapParseResult Result, MapDraft? Draft, int Bytes)
{
    public static LoadedDocument From(ReadOnlySpan<byte> utf8)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (utf8.StartsWith(bom))
        {
            utf8 = utf8[bom.Length..];
        }

        var result = MapDocument.Parse(utf8);
        var draft = MapReader.Read(utf8, []);
        return new LoadedDocument(result, draft, utf8.Length);
    }

    public bool IsValid => Result.IsValid;

    public List<Finding> Findings()
    {
        var findings = Result.Problems.Select(p => new Finding(Severity.Error, p.Path, p.Message, p.Hint)).ToList();
        if (IsValid && Bytes > ParameterLimits.StandardBytes)
        {
            findings.Add(new(Severity.Warning, JsonPath.Root, $"{Bytes} bytes: more than a Standard parameter holds ({ParameterLimits.StandardBytes})",
                $"create the parameter in the Advanced tier (up to {ParameterLimits.AdvancedBytes} bytes)"));
        }

        return findings;
    }
}
