using AttrMapper.Mapping;

namespace AttrMapper.Tests.Mapping;

public sealed class AttributeMapTests
{
    [Theory]
    // copy
    [InlineData("copy email", "drop", "email=a@x.test; name=N", "email=a@x.test")]
    [InlineData("copy email", "drop", "name=N", "")]
    [InlineData("copy name", "drop", "name=", "name=")]
    // rename: the source itself is not emitted, not even by unmapped: copy
    [InlineData("rename custom:tenant custom:tenant_id", "drop", "custom:tenant=t1", "custom:tenant_id=t1")]
    [InlineData("rename custom:tenant custom:tenant_id", "copy", "custom:tenant=t1; name=N", "custom:tenant_id=t1; name=N")]
    [InlineData("rename custom:tenant custom:tenant_id", "drop", "name=N", "")]
    [InlineData("rename custom:a custom:b; copy custom:a", "drop", "custom:a=1", "custom:a=1; custom:b=1")]
    // swap: rules read the snapshot, never each other's output
    [InlineData("rename custom:a custom:b; rename custom:b custom:a", "drop", "custom:a=1; custom:b=2", "custom:a=2; custom:b=1")]
    [InlineData("rename custom:a custom:b; rename custom:b custom:a", "copy", "custom:a=1; custom:b=2; name=N", "custom:a=2; custom:b=1; name=N")]
    [InlineData("rename given_name family_name; rename family_name given_name", "drop", "given_name=Ada", "family_name=Ada")]
    // fan-out: one source feeds two targets
    [InlineData("copy email; rename email custom:old_email", "drop", "email=e", "custom:old_email=e; email=e")]
    [InlineData("rename name custom:a; rename name custom:b", "drop", "name=N", "custom:a=N; custom:b=N")]
    // unmapped
    [InlineData("copy email", "drop", "email=e; name=N; custom:x=1", "email=e")]
    [InlineData("", "drop", "email=e; name=N", "")]
    [InlineData("", "copy", "email=e; name=N; custom:x=1", "custom:x=1; email=e; name=N")]
    [InlineData("rename custom:a custom:b", "copy", "custom:b=old", "")]
    // drop
    [InlineData("drop custom:internal_flag", "copy", "custom:internal_flag=1; name=N", "name=N")]
    [InlineData("drop custom:internal_flag", "drop", "custom:internal_flag=1; name=N", "")]
    [InlineData("drop sub", "copy", "sub=s; name=N", "name=N")]
    // default: a fallback only
    [InlineData("default custom:plan free", "drop", "", "custom:plan=free")]
    [InlineData("default custom:plan free", "drop", "custom:plan=pro", "custom:plan=free")]
    [InlineData("copy custom:plan; default custom:plan free", "drop", "custom:plan=pro", "custom:plan=pro")]
    [InlineData("copy custom:plan; default custom:plan free", "drop", "name=N", "custom:plan=free")]
    [InlineData("default custom:plan free", "copy", "custom:plan=pro", "custom:plan=pro")]
    [InlineData("rename custom:tier custom:plan; default custom:plan free", "drop", "custom:tier=gold", "custom:plan=gold")]
    [InlineData("rename custom:tier custom:plan; default custom:plan free", "copy", "custom:plan=old", "custom:plan=free")]
    [InlineData("drop custom:plan; default custom:plan free", "copy", "custom:plan=pro; name=N", "custom:plan=free; name=N")]
    [InlineData("default custom:plan", "drop", "", "custom:plan=")]
    // sub: a rename source, never emitted as itself
    [InlineData("rename sub custom:legacy_sub", "drop", "sub=abc", "custom:legacy_sub=abc")]
    [InlineData("rename sub custom:legacy_sub", "copy", "sub=abc; name=N", "custom:legacy_sub=abc; name=N")]
    [InlineData("rename custom:a.b custom:a_b", "drop", "custom:a.b=1", "custom:a_b=1")]
    [InlineData("rename dev:custom:secret custom:secret", "copy", "dev:custom:secret=1", "custom:secret=1")]
    // duplicates in the source: the first wins
    [InlineData("copy name", "drop", "name=1; name=2", "name=1")]
    [InlineData("", "copy", "name=1; name=2", "name=1")]
    public void Apply_Rules_EmitsExpected(string rules, string unmapped, string source, string expected)
    {
        var map = MapText.Valid(rules, unmapped);

        var result = map.Apply(MapText.Attributes(source));

        result.OversizedAttribute.ShouldBeNull();
        MapText.Render(result.Attributes).ShouldBe(expected);
    }

    [Theory]
    [InlineData("sub=1")]
    [InlineData("identities=[]")]
    [InlineData("username=u")]
    [InlineData("cognito:user_status=CONFIRMED")]
    [InlineData("cognito:mfa_enabled=true")]
    [InlineData("dev:custom:x=1")]
    [InlineData("custom:twenty_one_characters=1")]
    [InlineData("custom:a.b=1")]
    [InlineData("custom:=1")]
    [InlineData("nonstandard=1")]
    [InlineData("Email=e")]
    public void Apply_UnmappedCopyOfNeverEmittedOrInvalidName_EmitsNothing(string source)
    {
        var map = MapText.Valid("", "copy");

        MapText.Render(map.Apply(MapText.Attributes(source)).Attributes).ShouldBe("");
    }

    [Theory]
    // the flag follows its attribute only when that comes from the source's own attribute
    [InlineData("copy email; copy email_verified", "drop", "email=e; email_verified=true", "email=e; email_verified=true")]
    [InlineData("copy email_verified", "drop", "email=e; email_verified=true", "")]
    [InlineData("copy email; copy email_verified", "drop", "email_verified=true", "")]
    [InlineData("default email d@x.test; copy email_verified", "drop", "email_verified=true", "email=d@x.test")]
    [InlineData("copy email; default email d@x.test; copy email_verified", "drop", "email_verified=true", "email=d@x.test")]
    [InlineData("copy email; default email d@x.test; copy email_verified", "drop", "email=e; email_verified=true", "email=e; email_verified=true")]
    [InlineData("", "copy", "email=e; email_verified=true", "email=e; email_verified=true")]
    [InlineData("", "copy", "email_verified=true; email=e", "email=e; email_verified=true")]
    [InlineData("", "copy", "email_verified=true", "")]
    [InlineData("drop email", "copy", "email=e; email_verified=true", "")]
    [InlineData("rename email custom:old_email", "copy", "email=e; email_verified=true", "custom:old_email=e")]
    [InlineData("rename email custom:old_email; copy email_verified", "drop", "email=e; email_verified=true", "custom:old_email=e")]
    [InlineData("rename custom:mail email; drop email_verified", "copy", "custom:mail=m; email=e; email_verified=true", "email=m")]
    [InlineData("rename email_verified custom:was_verified", "drop", "email_verified=true", "custom:was_verified=true")]
    [InlineData("copy phone_number; copy phone_number_verified", "drop", "phone_number=+1; phone_number_verified=true", "phone_number=+1; phone_number_verified=true")]
    [InlineData("copy phone_number_verified", "drop", "phone_number=+1; phone_number_verified=true", "")]
    [InlineData("", "copy", "phone_number_verified=true", "")]
    [InlineData("copy email; copy email_verified", "drop", "email=e; email_verified=true; phone_number_verified=true", "email=e; email_verified=true")]
    public void Apply_VerificationFlag_OnlyWithOwnAttribute(string rules, string unmapped, string source, string expected)
    {
        var map = MapText.Valid(rules, unmapped);

        MapText.Render(map.Apply(MapText.Attributes(source)).Attributes).ShouldBe(expected);
    }

    [Theory]
    // allowUnsafeVerification: the operator vouches; the flag then needs only its attribute in the output
    [InlineData("rename custom:mail email; copy email_verified", "custom:mail=m; email_verified=true", "email=m; email_verified=true")]
    [InlineData("rename custom:mail email; default email_verified true", "custom:mail=m", "email=m; email_verified=true")]
    [InlineData("rename custom:mail email; default email_verified true", "email=e", "")]
    [InlineData("default email_verified true", "", "")]
    [InlineData("default email d@x.test; default email_verified true", "", "email=d@x.test; email_verified=true")]
    [InlineData("rename custom:pv phone_number_verified; copy phone_number", "custom:pv=true; phone_number=+1", "phone_number=+1; phone_number_verified=true")]
    public void Apply_AllowUnsafeVerification_FlagNeedsOnlyItsAttribute(string rules, string source, string expected)
    {
        var map = MapText.Valid(rules, "drop", "\"allowUnsafeVerification\": true");

        MapText.Render(map.Apply(MapText.Attributes(source)).Attributes).ShouldBe(expected);
    }

    [Theory]
    [InlineData("copy custom:big", "drop", "custom:big", "custom:big")]
    [InlineData("rename custom:big custom:huge", "drop", "custom:big", "custom:huge")]
    [InlineData("", "copy", "custom:big", "custom:big")]
    [InlineData("copy email; copy email_verified", "drop", "email_verified", "email_verified")]
    public void Apply_OutputValueOver2048_RejectsNamingTheAttribute(string rules, string unmapped, string sourceName, string expected)
    {
        var map = MapText.Valid(rules, unmapped);
        var source = new List<KeyValuePair<string, string>>
        {
            new("email", "e"),
            new(sourceName, new string('x', 2049)),
        };

        var result = map.Apply(source);

        result.Attributes.ShouldBeNull();
        result.OversizedAttribute.ShouldBe(expected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Apply_TwoOversizedValues_NamesTheFirstInRuleOrderWhateverTheSourceOrder(bool reversed)
    {
        // Found by the IdToken/AdminGetUser equivalence property: the two sources list attributes in different orders.
        var map = MapText.Valid("rename given_name locale; rename custom:tenant custom:legacy_sub", "drop");
        List<KeyValuePair<string, string>> source =
        [
            new("custom:tenant", new string('t', 2049)),
            new("given_name", new string('g', 2049)),
        ];
        if (reversed)
        {
            source.Reverse();
        }

        var result = map.Apply(source);

        result.Attributes.ShouldBeNull();
        result.OversizedAttribute.ShouldBe("locale");
    }

    [Fact]
    public void Apply_OutputValueOfExactly2048_IsEmitted()
    {
        var map = MapText.Valid("copy custom:big", "drop");
        var value = new string('x', 2048);

        var result = map.Apply([new("custom:big", value)]);

        result.OversizedAttribute.ShouldBeNull();
        result.Attributes.ShouldNotBeNull()["custom:big"].ShouldBe(value);
    }

    [Theory]
    [InlineData("drop custom:big", "copy")]
    [InlineData("copy email", "drop")]
    [InlineData("copy email_verified", "drop")]
    public void Apply_OversizedValueThatIsNotEmitted_IsIgnored(string rules, string unmapped)
    {
        var map = MapText.Valid(rules, unmapped);

        var result = map.Apply([new("custom:big", new string('x', 5000)), new("email_verified", new string('x', 5000))]);

        result.OversizedAttribute.ShouldBeNull();
        result.Attributes.ShouldNotBeNull();
    }

    [Fact]
    public void Apply_DesignExample_MapsAsDocumented()
    {
        var map = MapText.Valid(MapText.DesignExample);
        var source = MapText.Attributes(
            "sub=0b1e; email=ada@x.test; email_verified=true; custom:tenant=acme; custom:internal_flag=1; name=Ada; phone_number=+1");

        var result = map.Apply(source);

        MapText.Render(result.Attributes).ShouldBe(
            "custom:legacy_sub=0b1e; custom:plan=free; custom:tenant_id=acme; email=ada@x.test; email_verified=true");
    }

    [Fact]
    public void Apply_SameInputTwice_SameOutputInSameOrder()
    {
        var map = MapText.Valid("rename custom:a custom:b; copy email; default custom:plan free", "copy");
        var source = MapText.Attributes("custom:a=1; email=e; name=N; locale=fr");

        var first = map.Apply(source).Attributes.ShouldNotBeNull().ToList();
        var second = map.Apply(source).Attributes.ShouldNotBeNull().ToList();

        second.ShouldBe(first);
    }

    [Theory]
    [InlineData("copy email; rename custom:a custom:b; default custom:plan free; copy email_verified; copy name", "email=e; email_verified=true; name=N; custom:a=1", "email, custom:b, custom:plan, name, email_verified")]
    [InlineData("copy email; rename custom:a custom:b; default custom:plan free; copy email_verified; copy name", "custom:a=1; name=N; email_verified=true; email=e", "email, custom:b, custom:plan, name, email_verified")]
    [InlineData("default custom:b z; copy name; rename custom:a custom:b", "name=N; custom:a=1", "custom:b, name")]
    [InlineData("rename custom:a custom:b; rename custom:b custom:a", "custom:b=2; custom:a=1", "custom:b, custom:a")]
    public void Apply_AnySourceOrder_OutputIsInRuleOrder(string rules, string source, string expected)
    {
        var map = MapText.Valid(rules, "drop");

        string.Join(", ", map.Apply(MapText.Attributes(source)).Attributes.ShouldNotBeNull().Keys).ShouldBe(expected);
    }

    [Fact]
    public void Apply_UnmappedCopy_UnmappedInSourceOrderThenRuleTargets()
    {
        var map = MapText.Valid("copy email; default custom:plan free", "copy");

        var keys = map.Apply(MapText.Attributes("locale=fr; email=e; name=N")).Attributes.ShouldNotBeNull().Keys;

        string.Join(", ", keys).ShouldBe("locale, name, email, custom:plan");
    }

    [Fact]
    public void Apply_DoesNotChangeTheSource()
    {
        var map = MapText.Valid("rename custom:a custom:b", "copy");
        var source = MapText.Attributes("custom:a=1; name=N");
        var before = source.ToList();

        _ = map.Apply(source);

        source.ShouldBe(before);
    }

    [Fact]
    public void Apply_NullSource_Throws() =>
        Should.Throw<ArgumentNullException>(() => MapText.Valid("", "drop").Apply(null!));

    [Theory]
    [InlineData("SMS_MFA", "Reject")]
    [InlineData("SOFTWARE_TOKEN_MFA", "Reject")]
    [InlineData("NEW_PASSWORD_REQUIRED", "Reject")]
    [InlineData("CUSTOM_CHALLENGE", "Reject")]
    [InlineData("", "Reject")]
    // ChallengeAction is internal, so the table names it as text.
    public void ChallengeFor_NoChallengesBlock_Rejects(string challenge, string expected) =>
        MapText.Valid("", "drop").ChallengeFor(challenge).ShouldBe(Enum.Parse<ChallengeAction>(expected));

    [Theory]
    [InlineData("SMS_MFA", "SmsMfa")]
    [InlineData("SOFTWARE_TOKEN_MFA", "Reset")]
    [InlineData("EMAIL_OTP", "Reject")]
    [InlineData("SELECT_MFA_TYPE", "Reset")]
    [InlineData("MFA_SETUP", "Reject")]
    [InlineData("NEW_PASSWORD_REQUIRED", "Reset")]
    [InlineData("sms_mfa", "Reject")]
    [InlineData("DEVICE_SRP_AUTH", "Reject")]
    public void ChallengeFor_ConfiguredChallenges_ReturnsTheirAction(string challenge, string expected)
    {
        var map = MapText.Valid("", "drop", """
            "challenges": { "SMS_MFA": "sms-mfa", "SOFTWARE_TOKEN_MFA": "reset", "EMAIL_OTP": "reject",
                            "SELECT_MFA_TYPE": "reset", "NEW_PASSWORD_REQUIRED": "reset" }
            """);

        map.ChallengeFor(challenge).ShouldBe(Enum.Parse<ChallengeAction>(expected));
    }

    [Fact]
    public void User_NoUserBlock_TakesTheDocumentedDefaults()
    {
        var user = MapText.Valid("", "drop").User;

        user.FinalUserStatus.ShouldBe("CONFIRMED");
        user.MessageAction.ShouldBe("SUPPRESS");
        user.DesiredDeliveryMediums.ShouldBe(["EMAIL"]);
        user.ForceAliasCreation.ShouldBe(false);
    }

    [Fact]
    public void User_FullUserBlock_IsRead()
    {
        var user = MapText.Valid("", "drop", """
            "user": { "finalUserStatus": "RESET_REQUIRED", "messageAction": "RESEND",
                      "desiredDeliveryMediums": ["SMS", "EMAIL"], "forceAliasCreation": true }
            """).User;

        user.FinalUserStatus.ShouldBe("RESET_REQUIRED");
        user.MessageAction.ShouldBe("RESEND");
        user.DesiredDeliveryMediums.ShouldBe(["SMS", "EMAIL"]);
        user.ForceAliasCreation.ShouldBe(true);
    }

    [Fact]
    public void User_PartialUserBlock_KeepsDefaultsForTheRest()
    {
        var user = MapText.Valid("", "drop", "\"user\": { \"messageAction\": \"RESEND\" }").User;

        user.FinalUserStatus.ShouldBe("CONFIRMED");
        user.MessageAction.ShouldBe("RESEND");
        user.DesiredDeliveryMediums.ShouldBe(["EMAIL"]);
        user.ForceAliasCreation.ShouldBe(false);
    }

    [Fact]
    public void Targets_Rules_ListsEveryEmittableNameOnceInRuleOrder()
    {
        var map = MapText.Valid("copy email; rename custom:a custom:b; drop custom:x; default custom:plan free; default custom:b z", "drop");

        map.Targets.ShouldBe(["email", "custom:b", "custom:plan"]);
    }

    [Fact]
    public void Apply_MinimalDocument_UnmappedDefaultsToDrop()
    {
        var map = MapText.Valid("{ \"version\": 1, \"rules\": [ { \"op\": \"copy\", \"from\": \"email\" } ] }");

        map.Unmapped.ShouldBe(UnmappedPolicy.Drop);
        map.AllowUnsafeVerification.ShouldBeFalse();
        MapText.Render(map.Apply(MapText.Attributes("email=e; name=N; custom:x=1")).Attributes).ShouldBe("email=e");
    }

    [Fact]
    public void Properties_DesignExample_AreRead()
    {
        var map = MapText.Valid(MapText.DesignExample);

        map.Version.ShouldBe(1);
        map.Unmapped.ShouldBe(UnmappedPolicy.Drop);
        map.AllowUnsafeVerification.ShouldBeFalse();
        map.Targets.Count.ShouldBe(5);
    }
}
