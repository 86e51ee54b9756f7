namespace AttrMapper.Mapping;

/// <summary>What a sign-in that the old pool answers with a challenge turns into.</summary>
public enum ChallengeAction
{
    /// <summary>Answer Cognito with an empty response: the user is not migrated.</summary>
    Reject,

    /// <summary>Migrate with <c>finalUserStatus</c> RESET_REQUIRED.</summary>
    Reset,

    /// <summary>Migrate CONFIRMED with <c>enableSMSMFA</c>, when the output has a verified phone number (SMS_MFA only).</summary>
    SmsMfa,
}
