namespace AttrMapper.Mapping;

/// <summary>The outcome of reading a map document: a usable map, or every problem found in it (never both).</summary>
public sealed record MapParseResult(AttributeMap? Map, IReadOnlyList<MapProblem> Problems)
{
    public bool IsValid => Map is not null;
}
