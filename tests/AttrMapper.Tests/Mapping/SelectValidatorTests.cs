using AttrMapper.Mapping;

namespace AttrMapper.Tests.Mapping;

/// <summary>Problems of the <c>select</c> section, structural (<see cref="MapReader"/>) and semantic (<see cref="SelectValidator"/>).</summary>
public sealed class SelectValidatorTests
{
    private const string Ok = "\"version\": 1, \"rules\": []";

    [Theory]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["acme", "acme-eu"] }""")]
    [InlineData("""{ "attribute": "email", "suffix": ["@acme.com"] }""")]
    [InlineData("""{ "suffix": ["@acme.com"], "attribute": "email" }""")]
    [InlineData("""{ "attribute": "sub", "in": ["x"] }""")]
    [InlineData("""{ "attribute": "dev:custom:tenant", "in": ["x"] }""")]
    [InlineData("""{ "attribute": "custom:a.b", "in": ["x"] }""")]
    [InlineData("""{ "attribute": "email_verified", "in": ["true"] }""")]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["acme", "Acme"] }""")]
    public void Parse_ValidSelect_HasNoProblems(string select) =>
        MapDocument.Parse("{ " + Ok + ", \"select\": " + select + " }").Problems.ShouldBeEmpty();

    [Fact]
    public void Parse_HundredEntriesOf2048_IsValid()
    {
        var values = string.Join(", ", Enumerable.Range(0, 100).Select(i => $"\"{i:000}{new string('v', 2045)}\""));

        MapDocument.Parse("{ " + Ok + ", \"select\": { \"attribute\": \"custom:tenant\", \"in\": [" + values + "] } }").Problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("[]", "$.select", "must be an object")]
    [InlineData("\"custom:tenant\"", "$.select", "must be an object")]
    [InlineData("""{ "in": ["acme"] }""", "$.select.attribute", "missing")]
    [InlineData("""{ "attribute": 1, "in": ["acme"] }""", "$.select.attribute", "must be a string")]
    [InlineData("""{ "attribute": "custom:tenant" }""", "$.select", "needs in or suffix")]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["a"], "suffix": ["b"] }""", "$.select", "has both in and suffix")]
    [InlineData("""{ "attribute": "custom:tenant", "in": "acme" }""", "$.select.in", "must be an array of strings")]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["acme", 1] }""", "$.select.in[1]", "must be a string")]
    [InlineData("""{ "attribute": "custom:tenant", "in": [null] }""", "$.select.in[0]", "must be a string")]
    [InlineData("""{ "attribute": "custom:tenant", "in": [] }""", "$.select.in", "must not be empty")]
    [InlineData("""{ "attribute": "email", "suffix": [] }""", "$.select.suffix", "must not be empty")]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["a", ""] }""", "$.select.in[1]", "is empty")]
    [InlineData("""{ "attribute": "email", "suffix": [""] }""", "$.select.suffix[0]", "is empty")]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["a", "b", "a"] }""", "$.select.in[2]", "repeats $.select.in[0]")]
    [InlineData("""{ "attribute": "email", "suffix": ["@a.com", "@A.COM"] }""", "$.select.suffix[1]", "repeats $.select.suffix[0]")]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["a"], "in": ["b"] }""", "$.select.in", "duplicate key \"in\"")]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["a"], "values": ["b"] }""", "$.select.values", "unknown field \"values\"")]
    [InlineData("""{ "attribute": "cognito:groups", "in": ["a"] }""", "$.select.attribute", "\"cognito:groups\" is not an attribute a map may read")]
    [InlineData("""{ "attribute": "identities", "in": ["a"] }""", "$.select.attribute", "\"identities\" is not an attribute")]
    [InlineData("""{ "attribute": "username", "in": ["a"] }""", "$.select.attribute", "\"username\" is not an attribute")]
    [InlineData("""{ "attribute": "tenant", "in": ["a"] }""", "$.select.attribute", "\"tenant\" is not an attribute")]
    public void Parse_SelectProblem_ReportedAtItsPath(string select, string path, string message)
    {
        var result = MapDocument.Parse("{ " + Ok + ", \"select\": " + select + " }");

        result.Map.ShouldBeNull();
        var problem = result.Problems.ShouldHaveSingleItem(MapText.Problems(result));
        problem.Path.ShouldBe(path);
        problem.Message.ShouldContain(message, Case.Sensitive);
        problem.Hint.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Parse_OverHundredEntries_IsAProblem()
    {
        var values = string.Join(", ", Enumerable.Range(0, 101).Select(i => $"\"t{i}\""));

        var problem = MapDocument.Parse("{ " + Ok + ", \"select\": { \"attribute\": \"custom:tenant\", \"in\": [" + values + "] } }")
            .Problems.ShouldHaveSingleItem();

        problem.Path.ShouldBe("$.select.in");
        problem.Message.ShouldBe("has 101 entries, more than 100");
    }

    [Fact]
    public void Parse_EntryOver2048_IsAProblemWithoutTheValue()
    {
        var value = "S3CR3T" + new string('x', 2043);

        var problem = MapDocument.Parse("{ " + Ok + ", \"select\": { \"attribute\": \"custom:tenant\", \"in\": [\"a\", \"" + value + "\"] } }")
            .Problems.ShouldHaveSingleItem();

        problem.Path.ShouldBe("$.select.in[1]");
        problem.Message.ShouldBe("is longer than 2048 characters");
        problem.ToString().ShouldNotContain("S3CR3T");
    }

    [Fact]
    public void Parse_ProblemText_NeverQuotesAnEntry()
    {
        const string Secret = "tenant-S3CR3T";
        var json = "{ " + Ok + ", \"select\": { \"attribute\": \"email\", \"suffix\": [\"" + Secret + "\", \"" + Secret.ToUpperInvariant() + "\", \"\", 5] } }";

        var result = MapDocument.Parse(json);

        result.Problems.Count.ShouldBe(1);
        MapText.Problems(result).ShouldNotContain(Secret, Case.Insensitive);
        var valid = MapDocument.Parse("{ " + Ok + ", \"select\": { \"attribute\": \"email\", \"suffix\": [\"" + Secret + "\", \"" + Secret.ToUpperInvariant() + "\", \"\"] } }");
        valid.Problems.Select(p => p.Path).ShouldBe(["$.select.suffix[1]", "$.select.suffix[2]"]);
        MapText.Problems(valid).ShouldNotContain(Secret, Case.Insensitive);
    }
}
