namespace AttrMapper.Mapping;

/// <summary>One rule as read from the document, before the cross-rule checks.</summary>
/// <param name="Index">Position in <c>rules</c>, for the JSON path.</param>
/// <param name="Complete">Every field its op needs is present and a string; only complete rules take part in cross-rule checks.</param>
public sealed record RuleDraft(int Index, RuleOp Op, string? From, string? To, string? Value, bool Complete)
{
    public string Path => JsonPath.Index("$.rules", Index);

    /// <summary>The name this rule emits, for copy/rename/default; null for drop.</summary>
    public string? Target => Op switch
    {
        RuleOp.Copy => From,
        RuleOp.Rename or RuleOp.Default => To,
        _ => null,
    };

    /// <summary>Where the target is written: copy has no <c>to</c>, its <c>from</c> is the target.</summary>
    public string TargetPath => JsonPath.Property(Path, Op == RuleOp.Copy ? "from" : "to");

    public string FromPath => JsonPath.Property(Path, "from");
}
