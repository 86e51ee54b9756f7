using System.Text;
using AttrMapper.Mapping;

namespace AttrMapper.Tests.Mapping;

public sealed class MapDocumentTests
{
    private const string Ok = "\"version\": 1, \"rules\": []";

    [Fact]
    public void Parse_DesignExample_IsValid()
    {
        var result = MapDocument.Parse(MapText.DesignExample);

        result.Problems.ShouldBeEmpty();
        result.IsValid.ShouldBeTrue();
        result.Map.ShouldNotBeNull().Version.ShouldBe(1);
    }

    [Fact]
    public void Parse_Utf8BytesWithBom_SameAsString()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(MapText.DesignExample)).ToArray();

        var result = MapDocument.Parse(bytes);

        result.Problems.ShouldBeEmpty();
        result.Map.ShouldNotBeNull().Targets.ShouldBe(MapText.Valid(MapText.DesignExample).Targets);
    }

    [Fact]
    public void Parse_StringWithBom_IsValid() => MapDocument.Parse("\uFEFF" + MapText.DesignExample).IsValid.ShouldBeTrue();

    [Fact]
    public void Parse_NullString_Throws() => Should.Throw<ArgumentNullException>(() => MapDocument.Parse((string)null!));

    [Theory]
    [InlineData("{ \"rules\": [], \"version\": 1 }")]
    [InlineData("{ \"\\u0076ersion\": 1, \"rules\": [] }")]
    [InlineData("{ \"version\": 1, \"rules\": [], \"unmapped\": \"copy\", \"allowUnsafeVerification\": false }")]
    [InlineData("{ \"version\": 1, \"rules\": [], \"user\": {} , \"challenges\": {} }")]
    [InlineData("{ \"version\": 1, \"rules\": [], \"user\": { \"desiredDeliveryMediums\": [\"EMAIL\", \"SMS\"] } }")]
    [InlineData("{ \"version\": 1, \"rules\": [], \"challenges\": { \"SMS_MFA\": \"sms-mfa\", \"SOFTWARE_TOKEN_MFA\": \"reset\", \"EMAIL_OTP\": \"reset\", \"SELECT_MFA_TYPE\": \"reset\", \"MFA_SETUP\": \"reset\", \"NEW_PASSWORD_REQUIRED\": \"reset\" } }")]
    [InlineData("\n\t{ \"version\": 1, \"rules\": [ { \"to\": \"custom:plan\", \"value\": \"free\", \"op\": \"default\" } ] }\r\n")]
    public void Parse_ValidDocument_HasNoProblems(string json) =>
        MapDocument.Parse(json).Problems.ShouldBeEmpty();

    [Theory]
    [InlineData("drop sub", "drop")]
    [InlineData("drop identities", "copy")]
    [InlineData("drop username", "copy")]
    [InlineData("drop cognito:user_status", "copy")]
    [InlineData("drop dev:custom:secret", "copy")]
    [InlineData("rename sub custom:legacy_sub", "drop")]
    [InlineData("rename custom:a.b custom:a_b", "drop")]
    [InlineData("rename dev:custom:secret custom:secret", "drop")]
    [InlineData("drop custom:plan; default custom:plan free", "copy")]
    [InlineData("rename custom:tier custom:plan; default custom:plan free", "drop")]
    [InlineData("rename custom:mail email", "drop")]
    [InlineData("rename custom:mail email; drop email_verified", "copy")]
    [InlineData("rename custom:mail email; rename email_verified custom:old_verified", "copy")]
    [InlineData("rename custom:tel phone_number; copy email_verified", "drop")]
    [InlineData("default custom:email_verified true", "drop")]
    [InlineData("copy custom:abcdefghijklmnopqrst", "drop")]
    [InlineData("copy custom:A-z_09", "drop")]
    [InlineData("copy email; rename email custom:old_email", "drop")]
    [InlineData("rename custom:a custom:b; rename custom:b custom:a", "drop")]
    [InlineData("copy email_verified", "drop")]
    [InlineData("", "copy")]
    [InlineData("default email d@x.test; copy email_verified", "drop")]
    public void Parse_ValidRules_HasNoProblems(string rules, string unmapped) =>
        MapDocument.Parse(MapText.Document(rules, unmapped)).Problems.ShouldBeEmpty();

    [Theory]
    [InlineData("rename custom:mail email; copy email_verified", "drop")]
    [InlineData("rename custom:tel phone_number", "copy")]
    [InlineData("default email_verified true", "drop")]
    [InlineData("rename custom:pv phone_number_verified", "drop")]
    public void Parse_UnsafeVerificationAllowed_HasNoProblems(string rules, string unmapped) =>
        MapDocument.Parse(MapText.Document(rules, unmapped, "\"allowUnsafeVerification\": true")).Problems.ShouldBeEmpty();

    [Fact]
    public void Parse_EveryStandardAttributeCopied_HasNoProblems() =>
        MapDocument.Parse(MapText.Document(string.Join("; ", AttributeNames.Standard.Select(n => "copy " + n)))).Problems.ShouldBeEmpty();

    [Fact]
    public void Parse_DefaultValueOfExactly2048_IsValid() =>
        MapDocument.Parse(MapText.Document("default custom:bio " + new string('x', 2048))).Problems.ShouldBeEmpty();

    [Theory]
    // the document as a whole
    [InlineData("", "$", "the document is empty")]
    [InlineData("  \n ", "$", "the document is empty")]
    [InlineData("[]", "$", "must be a JSON object")]
    [InlineData("\"map\"", "$", "must be a JSON object")]
    [InlineData("{ \"version\": 1, \"rules\": [], }", "$", "not valid JSON")]
    [InlineData("{ \"version\": 1, /* c */ \"rules\": [] }", "$", "not valid JSON")]
    [InlineData("{ \"version\": 1, \"rules\": [] } x", "$", "not valid JSON")]
    [InlineData("{ \"version\": 1, \"rules\": [] } {}", "$", "not valid JSON")]
    [InlineData("{ \"version\": 1, \"rules\": [", "$", "not valid JSON")]
    [InlineData("{ 'version': 1, \"rules\": [] }", "$", "not valid JSON")]
    // top level
    [InlineData("{ \"rules\": [] }", "$.version", "missing")]
    [InlineData("{ \"version\": 2, \"rules\": [] }", "$.version", "unsupported version: this function reads version 1")]
    [InlineData("{ \"version\": 1.0, \"rules\": [] }", "$.version", "unsupported version")]
    [InlineData("{ \"version\": \"1\", \"rules\": [] }", "$.version", "must be a number")]
    [InlineData("{ \"version\": 1 }", "$.rules", "missing")]
    [InlineData("{ \"version\": 1, \"rules\": {} }", "$.rules", "must be an array of rules")]
    [InlineData("{ \"version\": 1, \"rules\": null }", "$.rules", "must be an array of rules")]
    [InlineData("{ \"version\": 1, \"version\": 1, \"rules\": [] }", "$.version", "duplicate key \"version\"")]
    [InlineData("{ " + Ok + ", \"comment\": \"x\" }", "$.comment", "unknown field \"comment\"")]
    [InlineData("{ " + Ok + ", \"a b\": 1 }", "$['a b']", "unknown field \"a b\"")]
    [InlineData("{ " + Ok + ", \"Version\": 1 }", "$.Version", "unknown field \"Version\"")]
    [InlineData("{ " + Ok + ", \"unmapped\": \"keep\" }", "$.unmapped", "must be \"copy\" or \"drop\"")]
    [InlineData("{ " + Ok + ", \"unmapped\": null }", "$.unmapped", "must be \"copy\" or \"drop\"")]
    [InlineData("{ " + Ok + ", \"allowUnsafeVerification\": \"true\" }", "$.allowUnsafeVerification", "must be true or false")]
    // rule shape
    [InlineData("{ \"version\": 1, \"rules\": [ 1 ] }", "$.rules[0]", "must be an object")]
    [InlineData("{ \"version\": 1, \"rules\": [ [] ] }", "$.rules[0]", "must be an object")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"copy\", \"from\": \"email\", \"form\": \"x\" } ] }", "$.rules[0].form", "unknown field \"form\"")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"copy\", \"from\": \"email\", \"from\": \"name\" } ] }", "$.rules[0].from", "duplicate key \"from\"")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"move\", \"from\": \"email\" } ] }", "$.rules[0].op", "unknown op \"move\"")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"Copy\", \"from\": \"email\" } ] }", "$.rules[0].op", "unknown op \"Copy\"")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"from\": \"email\" } ] }", "$.rules[0].op", "missing")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": 1, \"from\": \"email\" } ] }", "$.rules[0].op", "must be a string")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"copy\" } ] }", "$.rules[0].from", "missing: \"copy\" needs op and from")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"drop\" } ] }", "$.rules[0].from", "missing: \"drop\" needs op and from")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"rename\", \"from\": \"custom:a\" } ] }", "$.rules[0].to", "missing: \"rename\" needs op, from and to")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"default\", \"to\": \"custom:a\" } ] }", "$.rules[0].value", "missing: \"default\" needs op, to and value")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"copy\", \"from\": \"email\", \"to\": \"email\" } ] }", "$.rules[0].to", "\"copy\" takes no \"to\"")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"drop\", \"from\": \"custom:a\", \"value\": \"x\" } ] }", "$.rules[0].value", "\"drop\" takes no \"value\"")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"default\", \"from\": \"custom:a\", \"to\": \"custom:b\", \"value\": \"x\" } ] }", "$.rules[0].from", "\"default\" takes no \"from\"")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"copy\", \"from\": 7 } ] }", "$.rules[0].from", "must be a string")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"copy\", \"from\": null } ] }", "$.rules[0].from", "must be a string")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"default\", \"to\": \"custom:a\", \"value\": true } ] }", "$.rules[0].value", "must be a string")]
    [InlineData("{ \"version\": 1, \"rules\": [ { \"op\": \"default\", \"to\": \"custom:a\", \"value\": 5 } ] }", "$.rules[0].value", "must be a string")]
    // user
    [InlineData("{ " + Ok + ", \"user\": [] }", "$.user", "must be an object")]
    [InlineData("{ " + Ok + ", \"user\": { \"finalUserStatus\": \"FORCE_CHANGE_PASSWORD\" } }", "$.user.finalUserStatus", "must be \"CONFIRMED\" or \"RESET_REQUIRED\"")]
    [InlineData("{ " + Ok + ", \"user\": { \"finalUserStatus\": \"confirmed\" } }", "$.user.finalUserStatus", "must be \"CONFIRMED\" or \"RESET_REQUIRED\"")]
    [InlineData("{ " + Ok + ", \"user\": { \"messageAction\": \"SEND\" } }", "$.user.messageAction", "must be \"SUPPRESS\" or \"RESEND\"")]
    [InlineData("{ " + Ok + ", \"user\": { \"desiredDeliveryMediums\": \"EMAIL\" } }", "$.user.desiredDeliveryMediums", "must be an array")]
    [InlineData("{ " + Ok + ", \"user\": { \"desiredDeliveryMediums\": [\"FAX\"] } }", "$.user.desiredDeliveryMediums[0]", "must be \"EMAIL\" or \"SMS\"")]
    [InlineData("{ " + Ok + ", \"user\": { \"desiredDeliveryMediums\": [\"EMAIL\", 1] } }", "$.user.desiredDeliveryMediums[1]", "must be \"EMAIL\" or \"SMS\"")]
    [InlineData("{ " + Ok + ", \"user\": { \"desiredDeliveryMediums\": [\"SMS\", \"SMS\"] } }", "$.user.desiredDeliveryMediums[1]", "\"SMS\" is listed twice")]
    [InlineData("{ " + Ok + ", \"user\": { \"desiredDeliveryMediums\": [] } }", "$.user.desiredDeliveryMediums", "must not be empty")]
    [InlineData("{ " + Ok + ", \"user\": { \"forceAliasCreation\": \"false\" } }", "$.user.forceAliasCreation", "must be true or false")]
    [InlineData("{ " + Ok + ", \"user\": { \"enableSMSMFA\": true } }", "$.user.enableSMSMFA", "unknown field \"enableSMSMFA\"")]
    [InlineData("{ " + Ok + ", \"user\": { \"messageAction\": \"RESEND\", \"messageAction\": \"RESEND\" } }", "$.user.messageAction", "duplicate key")]
    // challenges
    [InlineData("{ " + Ok + ", \"challenges\": [] }", "$.challenges", "must be an object")]
    [InlineData("{ " + Ok + ", \"challenges\": { \"CUSTOM_CHALLENGE\": \"reject\" } }", "$.challenges.CUSTOM_CHALLENGE", "unknown challenge \"CUSTOM_CHALLENGE\"")]
    [InlineData("{ " + Ok + ", \"challenges\": { \"sms_mfa\": \"reject\" } }", "$.challenges.sms_mfa", "unknown challenge \"sms_mfa\"")]
    [InlineData("{ " + Ok + ", \"challenges\": { \"EMAIL_OTP\": \"sms-mfa\" } }", "$.challenges.EMAIL_OTP", "\"sms-mfa\" applies to SMS_MFA only")]
    [InlineData("{ " + Ok + ", \"challenges\": { \"SMS_MFA\": \"allow\" } }", "$.challenges.SMS_MFA", "must be \"reject\", \"reset\" or \"sms-mfa\"")]
    [InlineData("{ " + Ok + ", \"challenges\": { \"MFA_SETUP\": 0 } }", "$.challenges.MFA_SETUP", "must be \"reject\" or \"reset\"")]
    [InlineData("{ " + Ok + ", \"challenges\": { \"SMS_MFA\": \"reject\", \"SMS_MFA\": \"reset\" } }", "$.challenges.SMS_MFA", "duplicate key \"SMS_MFA\"")]
    public void Parse_StructuralProblem_ReportedAtItsPath(string json, string path, string message)
    {
        var result = MapDocument.Parse(json);

        result.Map.ShouldBeNull();
        result.IsValid.ShouldBeFalse();
        var problem = result.Problems.ShouldHaveSingleItem(MapText.Problems(result));
        problem.Path.ShouldBe(path);
        problem.Message.ShouldContain(message, Case.Sensitive);
        problem.Hint.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    // one producer per target
    [InlineData("copy email; copy email", "drop", "$.rules[1].from", "\"email\" is already produced by $.rules[0]")]
    [InlineData("copy custom:a; rename custom:b custom:a", "drop", "$.rules[1].to", "\"custom:a\" is already produced by $.rules[0]")]
    [InlineData("rename custom:a custom:c; rename custom:b custom:c", "drop", "$.rules[1].to", "\"custom:c\" is already produced by $.rules[0]")]
    [InlineData("default custom:plan a; default custom:plan b", "drop", "$.rules[1].to", "a second default for \"custom:plan\" (the first is $.rules[0])")]
    // copy/rename and drop of the same name
    [InlineData("copy custom:a; drop custom:a", "drop", "$.rules[1].from", "\"custom:a\" is dropped but $.rules[0] copies or renames it")]
    [InlineData("drop custom:a; rename custom:a custom:b", "copy", "$.rules[0].from", "\"custom:a\" is dropped but $.rules[1] copies or renames it")]
    [InlineData("rename custom:b custom:a; drop custom:a", "copy", "$.rules[1].from", "\"custom:a\" is dropped but $.rules[0] copies or renames it")]
    [InlineData("rename sub custom:legacy_sub; drop sub", "copy", "$.rules[1].from", "\"sub\" is dropped")]
    // forbidden targets
    [InlineData("copy sub", "drop", "$.rules[0].from", "\"sub\" is never a valid target")]
    [InlineData("copy identities", "drop", "$.rules[0].from", "\"identities\" is never a valid target")]
    [InlineData("rename custom:a sub", "drop", "$.rules[0].to", "\"sub\" is never a valid target")]
    [InlineData("rename custom:a identities", "drop", "$.rules[0].to", "\"identities\" is never a valid target")]
    [InlineData("rename custom:a username", "drop", "$.rules[0].to", "\"username\" is never a valid target")]
    [InlineData("rename custom:a cognito:user_status", "drop", "$.rules[0].to", "\"cognito:user_status\" is never a valid target")]
    [InlineData("rename custom:a dev:custom:a", "drop", "$.rules[0].to", "\"dev:custom:a\" is never a valid target")]
    [InlineData("default sub x", "drop", "$.rules[0].to", "\"sub\" is never a valid target")]
    [InlineData("default cognito:x x", "drop", "$.rules[0].to", "\"cognito:x\" is never a valid target")]
    // targets that are no attribute of a new pool
    [InlineData("rename custom:a foo", "drop", "$.rules[0].to", "\"foo\" is neither a standard attribute nor custom: plus 1-20 of [A-Za-z0-9_-]")]
    [InlineData("rename custom:a Email", "drop", "$.rules[0].to", "\"Email\" is neither")]
    [InlineData("rename custom:a custom:", "drop", "$.rules[0].to", "\"custom:\" is neither")]
    [InlineData("rename custom:a custom:abcdefghijklmnopqrstu", "drop", "$.rules[0].to", "is neither")]
    [InlineData("rename custom:a custom:a.b", "drop", "$.rules[0].to", "\"custom:a.b\" is neither")]
    [InlineData("rename custom:a custom:a:b", "drop", "$.rules[0].to", "is neither")]
    [InlineData("copy custom:a.b", "drop", "$.rules[0].from", "\"custom:a.b\" is neither")]
    [InlineData("default custom:é x", "drop", "$.rules[0].to", "is neither")]
    // sources
    [InlineData("rename identities custom:ids", "drop", "$.rules[0].from", "\"identities\" is never a valid source")]
    [InlineData("rename cognito:user_status custom:s", "drop", "$.rules[0].from", "\"cognito:user_status\" is never a valid source")]
    [InlineData("rename foo custom:foo", "drop", "$.rules[0].from", "\"foo\" is not an attribute name")]
    [InlineData("rename custom:abcdefghijklmnopqrstu custom:a", "drop", "$.rules[0].from", "is not an attribute name")]
    [InlineData("drop foo", "copy", "$.rules[0].from", "\"foo\" is not an attribute name")]
    [InlineData("drop custom:", "copy", "$.rules[0].from", "\"custom:\" is not an attribute name")]
    [InlineData("rename custom:a custom:a", "drop", "$.rules[0].to", "renames \"custom:a\" onto itself")]
    // forged verification flags
    [InlineData("default email_verified true", "drop", "$.rules[0].to", "a default for \"email_verified\" forges a verification flag")]
    [InlineData("default phone_number_verified true", "drop", "$.rules[0].to", "a default for \"phone_number_verified\" forges a verification flag")]
    [InlineData("rename custom:v email_verified", "drop", "$.rules[0].to", "a rename into \"email_verified\" can forge a verification flag")]
    [InlineData("rename custom:v phone_number_verified", "drop", "$.rules[0].to", "a rename into \"phone_number_verified\" can forge")]
    [InlineData("rename custom:mail email; copy email_verified", "drop", "$.rules[0].to", "a rename into \"email\" while email_verified is copied vouches for another address")]
    [InlineData("copy phone_number_verified; rename custom:tel phone_number", "drop", "$.rules[1].to", "while phone_number_verified is copied")]
    [InlineData("rename custom:tel phone_number", "copy", "$.rules[0].to", "while phone_number_verified is copied as unmapped")]
    [InlineData("rename custom:mail email", "copy", "$.rules[0].to", "while email_verified is copied as unmapped")]
    public void Parse_RuleProblem_ReportedAtItsPath(string rules, string unmapped, string path, string message)
    {
        var result = MapDocument.Parse(MapText.Document(rules, unmapped));

        result.Map.ShouldBeNull();
        var problem = result.Problems.ShouldHaveSingleItem(MapText.Problems(result));
        problem.Path.ShouldBe(path);
        problem.Message.ShouldContain(message, Case.Sensitive);
        problem.Hint.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Parse_DefaultValueOver2048_ReportedWithoutTheValue()
    {
        var value = "S3CR3T" + new string('x', 2043);
        var result = MapDocument.Parse(MapText.Document("default custom:bio " + value));

        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe("$.rules[0].value");
        problem.Message.ShouldBe("the value is longer than 2048 characters");
        problem.ToString().ShouldNotContain("S3CR3T");
    }

    [Fact]
    public void Parse_ManyProblems_ReportsEveryOneAtOnce()
    {
        const string Json = """
            {
              "version": 2,
              "unmapped": "keep",
              "rules": [
                { "op": "copy", "from": "sub" },
                { "op": "move", "from": "custom:a" },
                { "op": "rename", "from": "custom:a", "to": "custom:b", "value": "x" },
                { "op": "default", "to": "email_verified", "value": "true" },
                { "op": "copy", "from": "email" },
                { "op": "copy", "from": "email" },
                { "op": "rename" }
              ],
              "extra": 1,
              "user": { "messageAction": "LOUD" },
              "challenges": { "EMAIL_OTP": "sms-mfa" }
            }
            """;

        var result = MapDocument.Parse(Json);

        result.Map.ShouldBeNull();
        result.Problems.Select(p => p.Path).ShouldBe(
            [
                "$.version", "$.unmapped", "$.rules[1].op", "$.rules[2].value", "$.rules[6].from", "$.rules[6].to",
                "$.extra", "$.user.messageAction", "$.challenges.EMAIL_OTP",
                "$.rules[0].from", "$.rules[3].to", "$.rules[5].from",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void Parse_RuleProblems_ComeInDocumentOrder()
    {
        var result = MapDocument.Parse(MapText.Document("copy email; copy email; copy sub; default email_verified x; default email_verified y"));

        result.Problems.Select(p => p.Path).ShouldBe(["$.rules[1].from", "$.rules[2].from", "$.rules[3].to", "$.rules[4].to", "$.rules[4].to"]);
    }

    [Fact]
    public void Parse_ProblemText_NeverQuotesAValue()
    {
        const string Secret = "hunter2-S3CR3T";
        var json = $$"""
            {
              "version": 1, "unmapped": "{{Secret}}",
              "rules": [ { "op": "default", "to": "custom:a", "value": "{{Secret}}{{new string('x', 3000)}}" } ],
              "user": { "finalUserStatus": "{{Secret}}", "messageAction": "{{Secret}}", "desiredDeliveryMediums": ["{{Secret}}"] },
              "challenges": { "SMS_MFA": "{{Secret}}" }
            }
            """;

        var result = MapDocument.Parse(json);

        result.Problems.Count.ShouldBe(6);
        foreach (var problem in result.Problems)
        {
            problem.ToString().ShouldNotContain(Secret);
        }
    }

    [Fact]
    public void Parse_SyntaxErrorInsideAValue_DoesNotQuoteIt()
    {
        var result = MapDocument.Parse("{ \"version\": 1, \"rules\": [ { \"op\": \"default\", \"to\": \"custom:a\", \"value\": \"S3CR3T\u0001\" } ] }");

        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe("$");
        problem.Message.ShouldStartWith("not valid JSON (line 1, byte ");
        problem.ToString().ShouldNotContain("S3CR3T");
    }

    [Fact]
    public void Parse_InvalidUtf8_IsAProblemNotAnException()
    {
        var bytes = Encoding.UTF8.GetBytes("{ \"version\": 1, \"rules\": [ { \"op\": \"default\", \"to\": \"custom:a\", \"value\": \"ab\" } ] }");
        var at = Array.IndexOf(bytes, (byte)'a', 60);
        bytes[at] = 0xFF;

        var result = MapDocument.Parse(bytes);

        result.Map.ShouldBeNull();
        result.Problems.ShouldHaveSingleItem().Path.ShouldBe("$");
    }

    [Fact]
    public void Parse_VeryLongName_IsCutShortInTheMessage()
    {
        var name = "custom:" + new string('n', 5000);

        var result = MapDocument.Parse(MapText.Document($"rename custom:a {name}"));

        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Message.Length.ShouldBeLessThan(200);
        problem.Message.ShouldContain("…");
    }

    [Fact]
    public void Parse_DeeplyNestedUnknownField_IsSkippedAndReported()
    {
        var result = MapDocument.Parse("{ " + Ok + ", \"x\": { \"a\": [ { \"b\": [1, 2, { \"c\": null }] } ] } }");

        result.Problems.ShouldHaveSingleItem().Path.ShouldBe("$.x");
    }

    [Fact]
    public void Parse_NestingBeyondTheReaderLimit_IsAProblemNotAnException()
    {
        var json = "{ " + Ok + ", \"x\": " + new string('[', 100) + new string(']', 100) + " }";

        var result = MapDocument.Parse(json);

        result.Map.ShouldBeNull();
        result.Problems[^1].Path.ShouldBe("$");
        result.Problems[^1].Message.ShouldStartWith("not valid JSON");
    }
}
