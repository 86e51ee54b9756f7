using System.Text;
using AttrMapper.Cli.Maps;
using AttrMapper.Cli.Aws;

namespace AttrMapper.Cli.Tests.Maps;

public sealed class SchemaCheckTests
{
    private static readonly UserPoolDescription NewPool = new("eu-west-1_New", "new",
    [
        new SchemaAttribute("sub", "String", false, 2048, Required: true),
        new SchemaAttribute("email", "String", true, 2048, Required: true),
        new SchemaAttribute("email_verified", "Boolean", true, null),
        new SchemaAttribute("custom:score", "Number", true, null),
        new SchemaAttribute("custom:tenant_id", "String", true, 2048),
    ]);

    private static List<Finding> Check(string map, UserPoolDescription? oldPool = null)
    {
        var document = LoadedDocument.From(Encoding.UTF8.GetBytes(map));
        document.IsValid.ShouldBeTrue();
        return SchemaCheck.Check(document.Draft!, NewPool, oldPool);
    }

    [Fact]
    public void Check_NumberAttributeDefaultNotANumber_IsAnErrorAtTheValue()
    {
        var findings = Check("""{ "version": 1, "rules": [ { "op": "copy", "from": "email" }, { "op": "default", "to": "custom:score", "value": "high" } ] }""");

        findings.ShouldContain(f => f.Severity == Severity.Error && f.Path == "$.rules[1].value" && f.Message.Contains("Number"));
    }

    [Fact]
    public void Check_NumberAttributeDefaultIsANumber_IsFine()
    {
        var findings = Check("""{ "version": 1, "rules": [ { "op": "copy", "from": "email" }, { "op": "default", "to": "custom:score", "value": "-12" } ] }""");

        findings.ShouldNotContain(f => f.Severity == Severity.Error);
    }

    [Fact]
    public void Check_RequiredAttributeWithoutDefault_IsAWarning()
    {
        var findings = Check("""{ "version": 1, "rules": [ { "op": "rename", "from": "custom:tenant", "to": "custom:tenant_id" } ] }""");

        findings.ShouldContain(f => f.Severity == Severity.Warning && f.Message.StartsWith("email is required", StringComparison.Ordinal));
        findings.ShouldNotContain(f => f.Message.StartsWith("sub is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_UnmappedCopyOfAnAttributeTheNewPoolLacks_IsAnError()
    {
        var oldPool = new UserPoolDescription("eu-west-1_Old", "old",
        [
            new SchemaAttribute("email", "String", true, 2048),
            new SchemaAttribute("custom:legacy", "String", true, 2048),
            new SchemaAttribute("sub", "String", false, 2048),
        ]);

        var findings = Check("""{ "version": 1, "unmapped": "copy", "rules": [ { "op": "default", "to": "custom:score", "value": "0" } ] }""", oldPool);

        findings.ShouldContain(f => f.Severity == Severity.Error && f.Path == "$.unmapped" && f.Message.Contains("custom:legacy"));
        findings.ShouldNotContain(f => f.Message.Contains("email of pool"));
        findings.ShouldNotContain(f => f.Message.Contains("sub"));
    }

    [Fact]
    public void Check_UnmappedDropWithOldPool_NamesEachDroppedAttribute()
    {
        var oldPool = new UserPoolDescription("eu-west-1_Old", "old",
        [
            new SchemaAttribute("email", "String", true, 2048),
            new SchemaAttribute("custom:legacy", "String", true, 2048),
        ]);

        var findings = Check("""{ "version": 1, "rules": [ { "op": "copy", "from": "email" } ] }""", oldPool);

        findings.ShouldContain(f => f.Severity == Severity.Warning && f.Message == "custom:legacy of pool eu-west-1_Old is dropped: no rule names it");
        findings.ShouldNotContain(f => f.Message.StartsWith("email of pool", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("custom:tenant", true)]
    [InlineData("email", true)]
    [InlineData("dev:custom:tenant", true)]
    [InlineData("custom:org", false)]
    [InlineData("phone_number", false)]
    public void CheckSelect_AttributeInOrMissingFromTheOldPool_ErrorAtTheSelectPathOnlyWhenMissing(string attribute, bool exists)
    {
        var oldPool = new UserPoolDescription("eu-west-1_Old", "old",
        [
            new SchemaAttribute("email", "String", true, 2048),
            new SchemaAttribute("custom:tenant", "String", true, 64),
        ]);
        var map = AttrMapper.Mapping.MapDocument.Parse($$"""{ "version": 1, "rules": [ { "op": "copy", "from": "email" } ], "select": { "attribute": "{{attribute}}", "in": ["acme"] } }""").Map!;

        var finding = SchemaCheck.CheckSelect(map.Select, oldPool);

        if (exists)
        {
            finding.ShouldBeNull();
        }
        else
        {
            finding.ShouldNotBeNull();
            finding.Severity.ShouldBe(Severity.Error);
            finding.Path.ShouldBe("$.select.attribute");
            finding.Message.ShouldContain(attribute);
        }
    }

    [Fact]
    public void CheckSelect_MapWithoutSelect_NoFinding()
    {
        SchemaCheck.CheckSelect(null, new UserPoolDescription("eu-west-1_Old", "old", [])).ShouldBeNull();
    }
}

