namespace AttrMapper.Mapping;

/// <summary>One <c>groups</c> rule as read from the document, before the cross-rule checks.</summary>
/// <param name="Index">Position in <c>groups.rules</c>, for the JSON path.</param>
/// <param name="Complete">Every field its op needs is present and a string; only complete rules take part in cross-rule checks.</param>
public sealed record GroupRuleDraft(int Index, GroupOp Op, string? From, string? To, bool Complete)
{
    public string Path => JsonPath.Index("$.groups.rules", Index);

    /// <summary>The group this rule puts the user in: copy's <c>from</c>, rename's and add's <c>to</c>; null for drop.</summary>
    public string? Target => Op switch
    {
        GroupOp.Copy => From,
        GroupOp.Rename or GroupOp.Add => To,
        _ => null,
    };

    /// <summary>Where the target is written: copy has no <c>to</c>, its <c>from</c> is the target.</summary>
    public string TargetPath => JsonPath.Property(Path, Op == GroupOp.Copy ? "from" : "to");

    public string FromPath => JsonPath.Property(Path, "from");
}
