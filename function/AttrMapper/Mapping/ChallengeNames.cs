namespace AttrMapper.Mapping;

/// <summary>The old-pool challenges a map may give an action for (section 4, <c>challenges</c>).</summary>
public static class ChallengeNames
{
    public const string SmsMfa = "SMS_MFA";

    public static readonly IReadOnlyList<string> All =
        [SmsMfa, "SOFTWARE_TOKEN_MFA", "EMAIL_OTP", "SELECT_MFA_TYPE", "MFA_SETUP", "NEW_PASSWORD_REQUIRED"];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
