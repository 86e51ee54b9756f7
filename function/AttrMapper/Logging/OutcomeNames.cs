namespace AttrMapper.Logging;

/// <summary>
/// The one table of outcome names: the log line's <c>outcome</c>, the EMF <c>Outcome</c> dimension (the Terraform metric
/// filters and dashboard match these) and the CLI's preview all spell an outcome this way.
/// </summary>
public static class OutcomeNames
{
    public const string Migrated = "migrated";
    public const string Rejected = "rejected";
    public const string Fault = "fault";
    public const string Answered = "answered";

    /// <summary>The wire name of <paramref name="outcome"/>.</summary>
    public static string WireName(this OutcomeKind outcome) => outcome switch
    {
        OutcomeKind.Migrated => Migrated,
        OutcomeKind.Rejected => Rejected,
        OutcomeKind.Answered => Answered,
        _ => Fault,
    };
}
