using AttrMapper.Mapping;

namespace AttrMapper.Tests.Mapping;

/// <summary><c>attributeSource</c>: reading it, and what <c>IdToken</c> forbids (<see cref="AttributeSourceValidator"/>).</summary>
public sealed class AttributeSourceValidatorTests
{
    private const string IdToken = "\"attributeSource\": \"IdToken\"";

    [Theory]
    [InlineData("", "AdminGetUser")]
    [InlineData("\"attributeSource\": \"AdminGetUser\"", "AdminGetUser")]
    [InlineData(IdToken, "IdToken")]
    public void AttributeSource_Document_IsRead(string extra, string expected) =>
        MapText.Valid("copy email", "drop", extra).AttributeSource.ShouldBe(Enum.Parse<AttributeSource>(expected));

    [Theory]
    [InlineData("copy email; copy email_verified; rename sub custom:legacy_sub; copy updated_at; copy custom:tenant", "drop")]
    [InlineData("drop address; drop dev:custom:x; copy phone_number", "drop")]
    [InlineData("default custom:plan free; rename custom:a.b custom:a_b", "drop")]
    public void Parse_IdTokenWithReadableRules_HasNoProblems(string rules, string unmapped) =>
        MapDocument.Parse(MapText.Document(rules, unmapped, IdToken)).Problems.ShouldBeEmpty();

    [Theory]
    [InlineData("copy email", "copy", "$.unmapped", "must be \"drop\" with \"attributeSource\": \"IdToken\"")]
    [InlineData("copy address", "drop", "$.rules[0].from", "\"address\" cannot be read from the ID token")]
    [InlineData("copy email; rename address custom:addr", "drop", "$.rules[1].from", "\"address\" cannot be read from the ID token")]
    [InlineData("rename dev:custom:secret custom:secret", "drop", "$.rules[0].from", "\"dev:custom:secret\" cannot be read from the ID token")]
    [InlineData("rename identities custom:ids", "drop", "$.rules[0].from", "\"identities\" is never a valid source")]
    public void Parse_IdTokenProblem_ReportedAtItsPath(string rules, string unmapped, string path, string message)
    {
        var result = MapDocument.Parse(MapText.Document(rules, unmapped, IdToken));

        result.Map.ShouldBeNull();
        var problem = result.Problems.ShouldHaveSingleItem(MapText.Problems(result));
        problem.Path.ShouldBe(path);
        problem.Message.ShouldContain(message, Case.Sensitive);
        problem.Hint.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("address", "\"address\" cannot be read from the ID token")]
    [InlineData("dev:custom:tenant", "cannot be read from the ID token")]
    [InlineData("identities", "\"identities\" is not an attribute a map may read")]
    public void Parse_IdTokenSelectOnUnreadableAttribute_IsAProblem(string attribute, string message)
    {
        var result = MapDocument.Parse(MapText.Document("copy email", "drop", IdToken + ", \"select\": { \"attribute\": \"" + attribute + "\", \"in\": [\"x\"] }"));

        var problem = result.Problems.ShouldHaveSingleItem(MapText.Problems(result));
        problem.Path.ShouldBe("$.select.attribute");
        problem.Message.ShouldContain(message, Case.Sensitive);
    }

    [Fact]
    public void Parse_AdminGetUserReadsAnything_HasNoProblems() =>
        MapDocument.Parse(MapText.Document("copy address", "copy", "\"attributeSource\": \"AdminGetUser\", \"select\": { \"attribute\": \"address\", \"in\": [\"x\"] }"))
            .Problems.ShouldBeEmpty();

    [Theory]
    [InlineData("\"attributeSource\": \"idtoken\"")]
    [InlineData("\"attributeSource\": \"Token\"")]
    [InlineData("\"attributeSource\": 1")]
    [InlineData("\"attributeSource\": null")]
    public void Parse_UnknownAttributeSource_IsAProblem(string extra)
    {
        var problem = MapDocument.Parse(MapText.Document("copy email", "drop", extra)).Problems.ShouldHaveSingleItem();

        problem.Path.ShouldBe("$.attributeSource");
        problem.Message.ShouldBe("must be \"AdminGetUser\" or \"IdToken\"");
    }

    [Fact]
    public void ReadAttributes_Map_ListsEverySourceOnceInDocumentOrderThenTheSelectAttribute()
    {
        var map = MapText.Valid(
            "copy email; rename sub custom:legacy_sub; default custom:plan free; drop custom:x; rename email custom:old_email",
            "drop",
            "\"select\": { \"attribute\": \"custom:tenant\", \"in\": [\"acme\"] }");

        map.ReadAttributes.ShouldBe(["email", "sub", "custom:x", "custom:tenant"]);
    }

    [Fact]
    public void ReadAttributes_SelectOnARuleSource_ListsItOnce() =>
        MapText.Valid("copy email", "drop", "\"select\": { \"attribute\": \"email\", \"suffix\": [\"@a.test\"] }")
            .ReadAttributes.ShouldBe(["email"]);
}
