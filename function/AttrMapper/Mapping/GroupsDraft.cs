namespace AttrMapper.Mapping;

/// <summary>The <c>groups</c> section as read, before semantic validation. Only the reader writes it.</summary>
public sealed class GroupsDraft
{
    /// <summary>The marker attribute's name; null when missing or not a string (the reader has reported it).</summary>
    public string? Marker { get; internal set; }

    public UnmappedPolicy Unmapped { get; internal set; } = UnmappedPolicy.Drop;

    public List<GroupRuleDraft> Rules { get; } = [];
}
