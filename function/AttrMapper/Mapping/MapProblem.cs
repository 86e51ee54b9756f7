namespace AttrMapper.Mapping;

/// <summary>One reason a map document is unusable: where (a JSON path like <c>$.rules[3].to</c>), what, and how to fix it.</summary>
/// <remarks>Messages may quote names (fields, attributes, challenges) but never the content of a value.</remarks>
public sealed record MapProblem(string Path, string Message, string Hint)
{
    public override string ToString() => $"{Path}: {Message} ({Hint})";
}
