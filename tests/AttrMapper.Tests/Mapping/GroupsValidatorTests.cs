using AttrMapper.Mapping;

namespace AttrMapper.Tests.Mapping;

/// <summary>Problems of the <c>groups</c> section, structural (<see cref="MapReader"/>) and semantic (<see cref="GroupsValidator"/>).</summary>
public sealed class GroupsValidatorTests
{
    private const string Ok = "\"version\": 1, \"rules\": []";

    [Theory]
    [InlineData("copy admins; rename staff employees; drop beta-testers; add migrated", "drop")]
    [InlineData("", "copy")]
    [InlineData("rename staff employees; rename contractors employees", "drop")]
    [InlineData("rename staff employees; copy employees", "drop")]
    [InlineData("copy a; rename a b", "drop")]
    [InlineData("add migrated; copy migrated", "drop")]
    [InlineData("rename a b; rename b a", "drop")]
    [InlineData("copy Admins; copy admins", "drop")]
    public void Parse_ValidGroupRules_HasNoProblems(string rules, string unmapped) =>
        MapDocument.Parse(MapText.Document("", "drop", MapText.Groups(rules, unmapped))).Problems.ShouldBeEmpty();

    [Theory]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:pending_groups\" } }")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:pending_groups\", \"rules\": [] } }")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": [ { \"op\": \"copy\", \"from\": \"beta testers\" } ] } }")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": [ { \"op\": \"copy\", \"from\": \"Ünïcødé-グループ\" } ] } }")]
    public void Parse_ValidGroupsSection_HasNoProblems(string json) => MapDocument.Parse(json).Problems.ShouldBeEmpty();

    [Fact]
    public void Parse_GroupNameOf128Characters_IsValid() =>
        MapDocument.Parse(MapText.Document("", "drop", MapText.Groups("copy " + new string('g', 128)))).Problems.ShouldBeEmpty();

    [Theory]
    // the section
    [InlineData("{ " + Ok + ", \"groups\": [] }", "$.groups", "must be an object")]
    [InlineData("{ " + Ok + ", \"groups\": null }", "$.groups", "must be an object")]
    [InlineData("{ " + Ok + ", \"groups\": {} }", "$.groups.marker", "missing")]
    [InlineData("{ " + Ok + ", \"groups\": { \"rules\": [] } }", "$.groups.marker", "missing")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": 1 } }", "$.groups.marker", "must be a string")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": null } }", "$.groups.marker", "must be a string")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"marker\": \"custom:h\" } }", "$.groups.marker", "duplicate key \"marker\"")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"unmapped\": \"keep\" } }", "$.groups.unmapped", "must be \"copy\" or \"drop\"")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": {} } }", "$.groups.rules", "must be an array of rules")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"mapping\": [] } }", "$.groups.mapping", "unknown field \"mapping\"")]
    // the marker's name
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"pending_groups\" } }", "$.groups.marker", "\"pending_groups\" is not a custom attribute name")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"email\" } }", "$.groups.marker", "\"email\" is not a custom attribute name")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:\" } }", "$.groups.marker", "is not a custom attribute name")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:pending.groups\" } }", "$.groups.marker", "is not a custom attribute name")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:abcdefghijklmnopqrstu\" } }", "$.groups.marker", "is not a custom attribute name")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"dev:custom:g\" } }", "$.groups.marker", "is not a custom attribute name")]
    // rule shape
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": [ \"admins\" ] } }", "$.groups.rules[0]", "must be an object")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": [ { \"op\": \"default\", \"to\": \"a\" } ] } }", "$.groups.rules[0].op", "unknown op \"default\"")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": [ { \"from\": \"a\" } ] } }", "$.groups.rules[0].op", "missing")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": [ { \"op\": \"copy\" } ] } }", "$.groups.rules[0].from", "missing: \"copy\" needs op and from")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": [ { \"op\": \"rename\", \"from\": \"a\" } ] } }", "$.groups.rules[0].to", "missing: \"rename\" needs op, from and to")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": [ { \"op\": \"add\" } ] } }", "$.groups.rules[0].to", "missing: \"add\" needs op and to")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": [ { \"op\": \"add\", \"from\": \"a\", \"to\": \"b\" } ] } }", "$.groups.rules[0].from", "\"add\" takes no \"from\"")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": [ { \"op\": \"copy\", \"from\": \"a\", \"to\": \"b\" } ] } }", "$.groups.rules[0].to", "\"copy\" takes no \"to\"")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": [ { \"op\": \"drop\", \"from\": \"a\", \"value\": \"b\" } ] } }", "$.groups.rules[0].value", "unknown field \"value\"")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": [ { \"op\": \"copy\", \"from\": [\"a\"] } ] } }", "$.groups.rules[0].from", "must be a string")]
    [InlineData("{ " + Ok + ", \"groups\": { \"marker\": \"custom:g\", \"rules\": [ { \"op\": \"copy\", \"from\": \"a\", \"from\": \"b\" } ] } }", "$.groups.rules[0].from", "duplicate key \"from\"")]
    public void Parse_StructuralProblem_ReportedAtItsPath(string json, string path, string message) =>
        AssertSingleProblem(MapDocument.Parse(json), path, message);

    [Theory]
    // group names
    [InlineData("copy ", "$.groups.rules[0].from", "\"\" is not a group name")]
    [InlineData("add ", "$.groups.rules[0].to", "\"\" is not a group name")]
    [InlineData("rename a ", "$.groups.rules[0].to", "\"\" is not a group name")]
    [InlineData("drop \u0001", "$.groups.rules[0].from", "\"\\u0001\" is not a group name")]
    [InlineData("copy tab\there", "$.groups.rules[0].from", "is not a group name")]
    [InlineData("rename a a", "$.groups.rules[0].to", "renames \"a\" onto itself")]
    // repeats
    [InlineData("copy a; copy a", "$.groups.rules[1]", "repeats $.groups.rules[0]")]
    [InlineData("add m; add m", "$.groups.rules[1]", "repeats $.groups.rules[0]")]
    [InlineData("rename a b; copy c; rename a b", "$.groups.rules[2]", "repeats $.groups.rules[0]")]
    // copy/rename and drop of one group
    [InlineData("copy a; drop a", "$.groups.rules[1].from", "\"a\" is dropped but $.groups.rules[0] copies, renames or adds it")]
    [InlineData("drop a; rename a b", "$.groups.rules[0].from", "\"a\" is dropped but $.groups.rules[1]")]
    [InlineData("rename b a; drop a", "$.groups.rules[1].from", "\"a\" is dropped but $.groups.rules[0]")]
    [InlineData("add a; drop a", "$.groups.rules[1].from", "\"a\" is dropped but $.groups.rules[0]")]
    public void Parse_GroupRuleProblem_ReportedAtItsPath(string shorthand, string path, string message)
    {
        var json = MapText.Document("", "drop", GroupsJson(shorthand));

        AssertSingleProblem(MapDocument.Parse(json), path, message);
    }

    [Theory]
    [InlineData("copy custom:pending_groups")]
    [InlineData("rename custom:x custom:pending_groups")]
    [InlineData("default custom:pending_groups v")]
    public void Parse_MarkerIsAnAttributeRuleTarget_IsAProblem(string attributeRule) =>
        AssertSingleProblem(
            MapDocument.Parse(MapText.Document(attributeRule, "drop", MapText.Groups("copy a"))),
            "$.groups.marker",
            "\"custom:pending_groups\" is also written by $.rules[0]");

    [Fact]
    public void Parse_GroupNameOver128_IsAProblem() =>
        AssertSingleProblem(
            MapDocument.Parse(MapText.Document("", "drop", MapText.Groups("copy " + new string('g', 129)))),
            "$.groups.rules[0].from",
            "is not a group name");

    [Fact]
    public void Parse_GroupProblems_ComeAfterAttributeRuleProblemsInDocumentOrder()
    {
        var json = MapText.Document("copy sub; copy email; copy email", "drop", MapText.Groups("copy a; drop a; add a; add a", "drop", "email"));

        MapDocument.Parse(json).Problems.Select(p => p.Path).ShouldBe(
            ["$.rules[0].from", "$.rules[2].from", "$.groups.marker", "$.groups.rules[1].from", "$.groups.rules[3]"]);
    }

    private static string GroupsJson(string rules)
    {
        // Split on ';' only, and words on the first and second space, so names may be empty or hold a tab.
        var items = rules.Split(';').Select(r => r.TrimStart()).Select(r =>
        {
            var at = r.IndexOf(' ', StringComparison.Ordinal);
            var op = r[..at];
            var rest = r[(at + 1)..];
            string Q(string s) => System.Text.Json.JsonSerializer.Serialize(s, MapTextJson.Default.String);
            return op switch
            {
                "copy" or "drop" => $$"""{ "op": "{{op}}", "from": {{Q(rest)}} }""",
                "add" => $$"""{ "op": "add", "to": {{Q(rest)}} }""",
                _ => $$"""{ "op": "rename", "from": {{Q(rest[..rest.IndexOf(' ', StringComparison.Ordinal)])}}, "to": {{Q(rest[(rest.IndexOf(' ', StringComparison.Ordinal) + 1)..])}} }""",
            };
        });
        return $$"""
            "groups": { "marker": "custom:pending_groups", "rules": [ {{string.Join(", ", items)}} ] }
            """;
    }

    private static void AssertSingleProblem(MapParseResult result, string path, string message)
    {
        result.Map.ShouldBeNull();
        var problem = result.Problems.ShouldHaveSingleItem(MapText.Problems(result));
        problem.Path.ShouldBe(path);
        problem.Message.ShouldContain(message, Case.Sensitive);
        problem.Hint.ShouldNotBeNullOrWhiteSpace();
    }
}
