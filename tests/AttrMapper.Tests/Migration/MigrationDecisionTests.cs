using AttrMapper.Cognito;
using AttrMapper.Mapping;
using AttrMapper.Migration;
using AttrMapper.Tests.Fakes;

namespace AttrMapper.Tests.Migration;

/// <summary>The pure §5 decisions the handler and the CLI's preview share.</summary>
public sealed class MigrationDecisionTests
{
    private static readonly AttributeMap Map = MapDocument.Parse(Maps.Behaviour).Map!;

    private static OldUser User(bool enabled = true, string status = "CONFIRMED", bool email = true, string? phoneVerified = null)
    {
        var attributes = new List<KeyValuePair<string, string>> { new("sub", "0f1e2d3c-0000-0000-0000-000000000001") };
        if (email)
        {
            attributes.Add(new("email", "alice@example.com"));
            attributes.Add(new("email_verified", "true"));
        }

        if (phoneVerified is not null)
        {
            attributes.Add(new("phone_number", "+14155550100"));
            attributes.Add(new("phone_number_verified", phoneVerified));
        }

        return new OldUser("alice", enabled, status, attributes);
    }

    [Theory]
    [InlineData(true, "CONFIRMED", "Migrated", "signed_in")]
    [InlineData(false, "CONFIRMED", "Rejected", "disabled")]
    [InlineData(true, "FORCE_CHANGE_PASSWORD", "Rejected", "not_eligible")]
    [InlineData(true, "RESET_REQUIRED", "Rejected", "not_eligible")]
    public void AfterSignIn_ByState_DecidesAsSection5(bool enabled, string status, string kind, string reason)
    {
        var outcome = MigrationDecision.AfterSignIn(User(enabled, status), Map);

        outcome.Kind.ToString().ShouldBe(kind);
        outcome.Reason.ShouldBe(reason);
    }

    [Fact]
    public void AfterSignIn_Migrated_UsesTheMapsUserSettingsAndAttributes()
    {
        var answer = MigrationDecision.AfterSignIn(User(), Map).Answer!;

        answer.FinalUserStatus.ShouldBe("CONFIRMED");
        answer.MessageAction.ShouldBe("SUPPRESS");
        answer.UserAttributes["custom:legacy_sub"].ShouldBe("0f1e2d3c-0000-0000-0000-000000000001");
        answer.UserAttributes["custom:plan"].ShouldBe("free");
        answer.UserAttributes.ShouldNotContainKey("sub");
    }

    [Theory]
    [InlineData("SMS_MFA", "true", "Migrated", "CONFIRMED", true)]
    [InlineData("SMS_MFA", "false", "Rejected", null, false)]
    [InlineData("NEW_PASSWORD_REQUIRED", null, "Migrated", "RESET_REQUIRED", false)]
    [InlineData("SOFTWARE_TOKEN_MFA", "true", "Rejected", null, false)]
    [InlineData("EMAIL_OTP", "true", "Rejected", null, false)]
    [InlineData("SOMETHING_NEW", "true", "Rejected", null, false)]
    public void AfterChallenge_FollowsTheMapsPolicy(string challenge, string? phoneVerified, string kind, string? status, bool smsMfa)
    {
        var outcome = MigrationDecision.AfterChallenge(challenge, User(phoneVerified: phoneVerified), Map);

        outcome.Kind.ToString().ShouldBe(kind);
        outcome.Reason.ShouldBe(Reasons.Challenge(challenge));
        outcome.Answer?.FinalUserStatus.ShouldBe(status);
        (outcome.Answer?.EnableSmsMfa ?? false).ShouldBe(smsMfa);
    }

    [Fact]
    public void ActionFor_NullOrUnmentionedChallenge_IsReject()
    {
        MigrationDecision.ActionFor(null, Map).ShouldBe(ChallengeAction.Reject);
        MigrationDecision.ActionFor("EMAIL_OTP", Map).ShouldBe(ChallengeAction.Reject);
        MigrationDecision.ActionFor("SMS_MFA", Map).ShouldBe(ChallengeAction.SmsMfa);
    }

    [Theory]
    [InlineData(true, "CONFIRMED", true, "Migrated", "forgot_password")]
    [InlineData(true, "RESET_REQUIRED", true, "Migrated", "forgot_password")]
    [InlineData(true, "FORCE_CHANGE_PASSWORD", true, "Rejected", "not_eligible")]
    [InlineData(false, "CONFIRMED", true, "Rejected", "disabled")]
    [InlineData(true, "CONFIRMED", false, "Rejected", "no_verified_contact")]
    public void ForgotPassword_ByStateAndContact_DecidesAsSection5(bool enabled, string status, bool email, string kind, string reason)
    {
        var outcome = MigrationDecision.ForgotPassword(User(enabled, status, email), Map);

        outcome.Kind.ToString().ShouldBe(kind);
        outcome.Reason.ShouldBe(reason);
        if (kind == "Migrated")
        {
            outcome.Answer!.FinalUserStatus.ShouldBe("RESET_REQUIRED");
            outcome.Answer.MessageAction.ShouldBe("SUPPRESS");
        }
    }

    [Fact]
    public void ForgotPasswordIneligible_EligibleUser_IsNull()
    {
        MigrationDecision.ForgotPasswordIneligible(User()).ShouldBeNull();
        MigrationDecision.ForgotPasswordIneligible(User(enabled: false))!.Reason.ShouldBe("disabled");
    }

    private static OldUser Tenant(string? tenant, string email = "alice@example.com", bool enabled = true, string status = "CONFIRMED")
    {
        var attributes = new List<KeyValuePair<string, string>> { new("email", email), new("email_verified", "true"), new("phone_number", "+14155550100"), new("phone_number_verified", "true") };
        if (tenant is not null)
        {
            attributes.Add(new("custom:tenant", tenant));
        }

        return new OldUser("alice", enabled, status, attributes);
    }

    private static AttributeMap Parsed(string json) => MapDocument.Parse(json).Map!;

    [Theory]
    [InlineData(Maps.SelectAcme, "acme", "alice@example.com", true)]
    [InlineData(Maps.SelectAcme, "acme-eu", "alice@example.com", true)]
    [InlineData(Maps.SelectAcme, "globex", "alice@example.com", false)]
    [InlineData(Maps.SelectAcme, "ACME", "alice@example.com", false)]
    [InlineData(Maps.SelectAcme, null, "alice@example.com", false)]
    [InlineData(Maps.SelectAcmeDomain, null, "alice@acme.com", true)]
    [InlineData(Maps.SelectAcmeDomain, null, "alice@ACME.Com", true)]
    [InlineData(Maps.SelectAcmeDomain, null, "alice@globex.com", false)]
    [InlineData(Maps.SelectAcmeDomain, null, "alice@notacme.com.evil", false)]
    [InlineData(Maps.Behaviour, null, "alice@example.com", true)]
    public void IsSelected_ByInOrSuffixOrMissingAttribute_DecidesAsSection4(string map, string? tenant, string email, bool selected)
    {
        MigrationDecision.IsSelected(Tenant(tenant, email), Parsed(map)).ShouldBe(selected);
    }

    [Theory]
    [InlineData("acme", "Migrated", "signed_in")]
    [InlineData("globex", "Rejected", "not_selected")]
    [InlineData(null, "Rejected", "not_selected")]
    public void AfterSignIn_WithSelect_MigratesOnlyTheSelected(string? tenant, string kind, string reason)
    {
        var outcome = MigrationDecision.AfterSignIn(Tenant(tenant), Parsed(Maps.SelectAcme));

        outcome.Kind.ToString().ShouldBe(kind);
        outcome.Reason.ShouldBe(reason);
        if (kind == "Rejected")
        {
            outcome.Answer.ShouldBeNull();
        }
    }

    [Theory]
    [InlineData("acme", "Migrated", "forgot_password")]
    [InlineData("globex", "Rejected", "not_selected")]
    [InlineData(null, "Rejected", "not_selected")]
    public void ForgotPassword_WithSelect_MigratesOnlyTheSelected(string? tenant, string kind, string reason)
    {
        var outcome = MigrationDecision.ForgotPassword(Tenant(tenant), Parsed(Maps.SelectAcme));

        outcome.Kind.ToString().ShouldBe(kind);
        outcome.Reason.ShouldBe(reason);
    }

    [Theory]
    [InlineData("SMS_MFA", "acme", "Migrated", "challenge_SMS_MFA")]
    [InlineData("SMS_MFA", "globex", "Rejected", "not_selected")]
    [InlineData("NEW_PASSWORD_REQUIRED", "acme", "Migrated", "challenge_NEW_PASSWORD_REQUIRED")]
    [InlineData("NEW_PASSWORD_REQUIRED", null, "Rejected", "not_selected")]
    [InlineData("SOFTWARE_TOKEN_MFA", "globex", "Rejected", "challenge_SOFTWARE_TOKEN_MFA")]
    public void AfterChallenge_WithSelect_MigratesOnlyTheSelected(string challenge, string? tenant, string kind, string reason)
    {
        var outcome = MigrationDecision.AfterChallenge(challenge, Tenant(tenant), Parsed(Maps.SelectAcme));

        outcome.Kind.ToString().ShouldBe(kind);
        outcome.Reason.ShouldBe(reason);
    }

    [Fact]
    public void AfterSignIn_NotSelectedAndDisabled_SaysNotSelected()
    {
        // Another tenant's user is never this pool's business, whatever their state.
        MigrationDecision.AfterSignIn(Tenant("globex", enabled: false), Parsed(Maps.SelectAcme)).Reason.ShouldBe(Reasons.NotSelected);
    }
}

