namespace AttrMapper.Mapping;

/// <summary>The map's <c>user</c> block: how Cognito creates a migrated user.</summary>
/// <remarks>
/// Fields the document leaves out take the defaults that section 4 shows (CONFIRMED, SUPPRESS, ["EMAIL"], false),
/// so the two nullable members are only null if a caller builds the record itself.
/// </remarks>
public sealed record UserSettings(
    string FinalUserStatus,
    string MessageAction,
    IReadOnlyList<string>? DesiredDeliveryMediums,
    bool? ForceAliasCreation)
{
    public const string Confirmed = "CONFIRMED";
    public const string ResetRequired = "RESET_REQUIRED";
    public const string Suppress = "SUPPRESS";
    public const string Resend = "RESEND";

    public static UserSettings Default { get; } = new(Confirmed, Suppress, ["EMAIL"], false);
}
