using System.Text.Json;
using AttrMapper.LocalPeers;

namespace AttrMapper.Cli.Tests.Commands;

[Collection(LocalStackCollection.Name)]
public sealed class PreviewCommandTests(LocalStack stack)
{
    [Fact]
    public async Task Preview_WithMapFile_ShowsOldAndNewAttributesAndTheAnswers()
    {
        var result = await CliRun.RunAsync(stack.Environment(), "preview", "alice", "--old-pool", stack.OldPoolId, "--map", CliRun.TempMap(MapTexts.Tenant));

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldMatch(@"old attributes:\n(.*\n)*  custom:tenant +acme\n");
        result.Out.ShouldMatch(@"new attributes \(what the map emits\):\n(.*\n)*  custom:tenant_id +acme\n");
        result.Out.ShouldMatch(@"  custom:plan +free\n");
        result.Out.ShouldMatch(@"\(not carried over: [^)]*\bcustom:tenant\b[^_]");
        result.Out.ShouldContain("MIGRATED (signed_in): finalUserStatus CONFIRMED, messageAction SUPPRESS");
        result.Out.ShouldContain("MIGRATED (forgot_password): finalUserStatus RESET_REQUIRED");
        result.Out.ShouldContain("REJECTED (challenge_SMS_MFA)");
        result.Out.ShouldContain("challenge policy: SMS_MFA=reject, SOFTWARE_TOKEN_MFA=reject");
    }

    [Fact]
    public async Task Preview_WithStoredParameter_Json_GivesAttributesAndDecisions()
    {
        stack.Parameters.Put("/preview/map", MapTexts.Tenant);

        var result = await CliRun.RunAsync(stack.Environment(), "preview", "carol", "--old-pool", stack.OldPoolId, "--parameter", "/preview/map", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        var json = result.Json();
        json.GetProperty("map").GetString().ShouldBe("/preview/map version 1");
        json.GetProperty("newAttributes").GetProperty("email").GetString().ShouldBe("carol@example.com");
        json.GetProperty("newAttributes").TryGetProperty("email_verified", out _).ShouldBeFalse();
        var answers = json.GetProperty("answers").EnumerateArray().ToList();
        Answer(answers, "sign-in", "right password; old pool: tokens (no MFA)").GetProperty("outcome").GetString().ShouldBe("migrated");

        // No verified contact: the new pool could never deliver the reset code.
        var forgot = Answer(answers, "forgot-password", "old pool: AdminGetUser");
        forgot.GetProperty("outcome").GetString().ShouldBe("rejected");
        forgot.GetProperty("reason").GetString().ShouldBe("no_verified_contact");
    }

    [Fact]
    public async Task Preview_UnknownUser_ExitsFour()
    {
        var result = await CliRun.RunAsync(stack.Environment(), "preview", "nobody", "--old-pool", stack.OldPoolId, "--map", CliRun.TempMap(MapTexts.Tenant));

        result.ExitCode.ShouldBe(4, result.ToString());
        result.Error.ShouldContain("no such user");
    }

    [Fact]
    public async Task Preview_UnknownPool_ExitsFour()
    {
        var result = await CliRun.RunAsync(stack.Environment(), "preview", "alice", "--old-pool", "local_nosuchpool", "--map", CliRun.TempMap(MapTexts.Tenant), "--json");

        result.ExitCode.ShouldBe(4, result.ToString());
        result.Json().GetProperty("error").GetProperty("kind").GetString().ShouldBe("not_found");
    }

    [Fact]
    public async Task Preview_UnknownParameter_ExitsFour()
    {
        var result = await CliRun.RunAsync(stack.Environment(), "preview", "alice", "--old-pool", stack.OldPoolId, "--parameter", "/no/such/map");

        result.ExitCode.ShouldBe(4, result.ToString());
    }

    [Fact]
    public async Task Preview_BothOrNeitherMapSource_IsAUsageError()
    {
        var both = await CliRun.RunAsync(stack.Environment(), "preview", "alice", "--old-pool", stack.OldPoolId, "--map", CliRun.TempMap(MapTexts.Tenant), "--parameter", "/x");
        var neither = await CliRun.RunAsync(stack.Environment(), "preview", "alice", "--old-pool", stack.OldPoolId);

        both.ExitCode.ShouldBe(2, both.ToString());
        neither.ExitCode.ShouldBe(2, neither.ToString());
    }

    [Fact]
    public async Task Preview_InvalidMap_ExitsOneWithoutCallingTheOldPool()
    {
        await using var pool = await ScriptedOldPool.StartAsync();

        var result = await CliRun.RunAsync(CliRun.Environment(pool.Endpoint), "preview", "alice", "--old-pool", pool.UserPoolId, "--map", CliRun.TempMap(MapTexts.UnknownOp));

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Out.ShouldContain("$.rules[0].op");
        pool.CallCount().ShouldBe(0);
    }

    [Fact]
    public async Task Preview_DisabledUserWithMfaPolicy_ShowsEachDecisionOfTheFunction()
    {
        await using var pool = await ScriptedOldPool.StartAsync();
        pool.AddUser(new FakeUser
        {
            Username = "dave", Password = "unused", Enabled = false,
            Attributes = [new("email", "dave@example.com"), new("email_verified", "true")],
        });
        pool.AddUser(new FakeUser
        {
            Username = "erin", Password = "unused",
            Attributes = [new("phone_number", "+15550100"), new("phone_number_verified", "true")],
        });
        const string map = """
            { "version": 1, "rules": [ { "op": "copy", "from": "phone_number" }, { "op": "copy", "from": "phone_number_verified" } ],
              "challenges": { "SMS_MFA": "sms-mfa", "SOFTWARE_TOKEN_MFA": "reset" } }
            """;
        var file = CliRun.TempMap(map);

        var dave = (await CliRun.RunAsync(CliRun.Environment(pool.Endpoint), "preview", "dave", "--old-pool", pool.UserPoolId, "--map", file, "--json")).Json();
        var erin = (await CliRun.RunAsync(CliRun.Environment(pool.Endpoint), "preview", "erin", "--old-pool", pool.UserPoolId, "--map", file, "--json")).Json();

        var daveAnswers = dave.GetProperty("answers").EnumerateArray().ToList();
        daveAnswers[0].GetProperty("reason").GetString().ShouldBe("bad_credentials");
        Answer(daveAnswers, "forgot-password", "old pool: AdminGetUser").GetProperty("reason").GetString().ShouldBe("disabled");

        var erinAnswers = erin.GetProperty("answers").EnumerateArray().ToList();
        var sms = Answer(erinAnswers, "sign-in", "right password; old pool: challenge SMS_MFA");
        sms.GetProperty("outcome").GetString().ShouldBe("migrated");
        sms.GetProperty("enableSMSMFA").GetBoolean().ShouldBeTrue();
        Answer(erinAnswers, "sign-in", "right password; old pool: challenge SOFTWARE_TOKEN_MFA").GetProperty("finalUserStatus").GetString().ShouldBe("RESET_REQUIRED");
        Answer(erinAnswers, "sign-in", "right password; old pool: challenge EMAIL_OTP").GetProperty("outcome").GetString().ShouldBe("rejected");
        erin.GetProperty("challengePolicy").GetProperty("SMS_MFA").GetString().ShouldBe("sms-mfa");
        erin.GetProperty("challengePolicy").GetProperty("EMAIL_OTP").GetString().ShouldBe("reject");

        // Read only: exactly one AdminGetUser per preview, never a sign-in.
        pool.CallCount("AdminGetUser").ShouldBe(2);
        pool.CallCount("AdminInitiateAuth").ShouldBe(0);
    }

    [Fact]
    public async Task Preview_AliasLookup_FindsTheOneUserByEmailAsTheFunctionWould()
    {
        await using var pool = await ScriptedOldPool.StartAsync();
        pool.AddUser(new FakeUser { Username = "u-1001", Password = "unused", Attributes = [new("email", "frank@example.com"), new("email_verified", "true")] });
        var file = CliRun.TempMap(MapTexts.Tenant);

        var off = await CliRun.RunAsync(CliRun.Environment(pool.Endpoint), "preview", "frank@example.com", "--old-pool", pool.UserPoolId, "--map", file);
        var on = await CliRun.RunAsync(CliRun.Environment(pool.Endpoint), "preview", "frank@example.com", "--old-pool", pool.UserPoolId, "--map", file,
            "--alias-lookup", "email", "--json");

        off.ExitCode.ShouldBe(4, off.ToString());
        on.ExitCode.ShouldBe(0, on.ToString());
        on.Json().GetProperty("oldUsername").GetString().ShouldBe("u-1001");
        pool.Calls.Last().Filter.ShouldBe("email = \"frank@example.com\"");
    }

    [Fact]
    public async Task Preview_AliasLookupUnknownValue_IsAUsageError()
    {
        var result = await CliRun.RunAsync(CliRun.Environment(), "preview", "a@b.c", "--old-pool", "eu-west-1_X", "--map", CliRun.TempMap(MapTexts.Tenant), "--alias-lookup", "username");

        result.ExitCode.ShouldBe(2, result.ToString());
    }

    [Fact]
    public async Task Preview_OldPoolThrottles_ExitsThree()
    {
        await using var pool = await ScriptedOldPool.StartAsync();
        pool.Script("AdminGetUser", null, ScriptedAnswer.Throttled());

        var result = await CliRun.RunAsync(CliRun.Environment(pool.Endpoint), "preview", "alice", "--old-pool", pool.UserPoolId, "--map", CliRun.TempMap(MapTexts.Tenant));

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("throttling");
    }

    private static JsonElement Answer(List<JsonElement> answers, string trigger, string situation) =>
        answers.Single(a => a.GetProperty("trigger").GetString() == trigger && a.GetProperty("situation").GetString() == situation);
}
