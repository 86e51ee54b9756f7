using AttrMapper.Mapping;

namespace AttrMapper.Tests.Documentation;

/// <summary>The maps `make demo` stores and then pushes as its live edit: both must be maps the function accepts, and differ by the rename.</summary>
public sealed class DemoMapsTests
{
    private static readonly KeyValuePair<string, string>[] OldUser =
    [
        new("sub", "0f1e2d3c-0000-4000-8000-00000000a11c"),
        new("email", "alice@example.com"),
        new("email_verified", "true"),
        new("given_name", "Alice"),
        new("custom:tenant", "acme"),
        new("custom:internal_flag", "beta-cohort-7"),
    ];

    [Theory]
    [InlineData("demo/attribute-map.json")]
    [InlineData("demo/attribute-map.v2.json")]
    public void Parse_DemoMap_IsValid(string file)
    {
        var result = MapDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf(file)));

        result.Problems.ShouldBeEmpty();
        result.Map.ShouldNotBeNull();
    }

    [Fact]
    public void Apply_DemoMap_KeepsAnOldPlanAndDefaultsAMissingOne()
    {
        var map = MapDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("demo/attribute-map.json"))).Map!;

        map.Apply([.. OldUser, new("custom:plan", "pro")]).Attributes!["custom:plan"].ShouldBe("pro");
        map.Apply(OldUser).Attributes!["custom:plan"].ShouldBe("free");
    }

    [Fact]
    public void Apply_DemoMapAndItsEdit_DifferOnlyByTheTenantRename()
    {
        var v1 = MapDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("demo/attribute-map.json"))).Map!.Apply(OldUser).Attributes!;
        var v2 = MapDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("demo/attribute-map.v2.json"))).Map!.Apply(OldUser).Attributes!;

        v1["custom:tenant_id"].ShouldBe("acme");
        v1.ShouldNotContainKey("custom:org");
        v2["custom:org"].ShouldBe("acme");
        v2.ShouldNotContainKey("custom:tenant_id");
        v1.Where(a => a.Key != "custom:tenant_id").ShouldBe(v2.Where(a => a.Key != "custom:org"), ignoreOrder: true);
        v1.ShouldNotContainKey("custom:internal_flag");
        v1["custom:legacy_sub"].ShouldBe("0f1e2d3c-0000-4000-8000-00000000a11c");
        v1["custom:plan"].ShouldBe("free");
    }
}
