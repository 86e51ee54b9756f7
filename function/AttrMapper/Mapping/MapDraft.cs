namespace AttrMapper.Mapping;

/// <summary>A document as read, field by field, before semantic validation. Only the reader writes it.</summary>
public sealed class MapDraft
{
    public int? Version { get; set; }

    public UnmappedPolicy Unmapped { get; set; } = UnmappedPolicy.Drop;

    public bool AllowUnsafeVerification { get; set; }

    public List<RuleDraft> Rules { get; } = [];

    public UserSettings User { get; set; } = UserSettings.Default;

    public Dictionary<string, ChallengeAction> Challenges { get; } = new(StringComparer.Ordinal);

    public AttributeSource AttributeSource { get; set; } = AttributeSource.AdminGetUser;

    /// <summary>The <c>select</c> section; null when the document has none.</summary>
    internal SelectDraft? Select { get; set; }

    /// <summary>The <c>groups</c> section; null when the document has none. Public for the CLI's pool checks (rule paths).</summary>
    public GroupsDraft? Groups { get; internal set; }
}
