using AttrMapper.Mapping;

namespace AttrMapper.Tests.Mapping;

public sealed class UserSelectionTests
{
    private static UserSelection Select(string select) =>
        MapText.Valid("", "drop", "\"select\": " + select).Select.ShouldNotBeNull();

    [Theory]
    // in: exact, ordinal
    [InlineData("""{ "attribute": "custom:tenant", "in": ["acme", "acme-eu"] }""", "custom:tenant=acme", true)]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["acme", "acme-eu"] }""", "custom:tenant=acme-eu", true)]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["acme", "acme-eu"] }""", "custom:tenant=ACME", false)]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["acme", "acme-eu"] }""", "custom:tenant=acme-e", false)]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["acme", "acme-eu"] }""", "custom:tenant=", false)]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["acme", "acme-eu"] }""", "custom:tenant=other", false)]
    // without the attribute: not selected
    [InlineData("""{ "attribute": "custom:tenant", "in": ["acme"] }""", "", false)]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["acme"] }""", "custom:tenant_id=acme; custom:Tenant=acme", false)]
    // the first occurrence decides, as in Apply
    [InlineData("""{ "attribute": "custom:tenant", "in": ["acme"] }""", "custom:tenant=acme; custom:tenant=other", true)]
    [InlineData("""{ "attribute": "custom:tenant", "in": ["acme"] }""", "custom:tenant=other; custom:tenant=acme", false)]
    // suffix: ASCII letters without case, everything else exact
    [InlineData("""{ "attribute": "email", "suffix": ["@acme.com"] }""", "email=bob@acme.com", true)]
    [InlineData("""{ "attribute": "email", "suffix": ["@acme.com"] }""", "email=Bob@ACME.Com", true)]
    [InlineData("""{ "attribute": "email", "suffix": ["@ACME.COM"] }""", "email=bob@acme.com", true)]
    [InlineData("""{ "attribute": "email", "suffix": ["@acme.com"] }""", "email=bob@notacme.com.evil", false)]
    [InlineData("""{ "attribute": "email", "suffix": ["@acme.com"] }""", "email=bob@evilacme.com", false)]
    [InlineData("""{ "attribute": "email", "suffix": ["@acme.com"] }""", "email=@acme.com", true)]
    [InlineData("""{ "attribute": "email", "suffix": ["@acme.com"] }""", "email=acme.com", false)]
    [InlineData("""{ "attribute": "email", "suffix": ["@acme.com", "@acme.eu"] }""", "email=a@ACME.EU", true)]
    [InlineData("""{ "attribute": "email", "suffix": ["@acmé.com"] }""", "email=a@ACMÉ.com", false)]
    [InlineData("""{ "attribute": "email", "suffix": ["@acmé.com"] }""", "email=a@acmé.COM", true)]
    [InlineData("""{ "attribute": "email", "suffix": ["@k.com"] }""", "email=a@\u212A.com", false)]
    [InlineData("""{ "attribute": "email", "suffix": ["@a[.com"] }""", "email=a@a{.com", false)]
    [InlineData("""{ "attribute": "sub", "in": ["0f1e"] }""", "sub=0f1e", true)]
    public void Selects_Source_DecidesAsDocumented(string select, string source, bool expected) =>
        Select(select).Selects(MapText.Attributes(source)).ShouldBe(expected);

    [Fact]
    public void Selects_NullNameOrValue_IsSkipped()
    {
        var selection = Select("""{ "attribute": "custom:tenant", "in": ["acme"] }""");

        selection.Selects([new(null!, "acme"), new("custom:tenant", null!), new("custom:tenant", "acme")]).ShouldBeTrue();
    }

    [Fact]
    public void Selects_Null_Throws() =>
        Should.Throw<ArgumentNullException>(() => Select("""{ "attribute": "email", "in": ["a"] }""").Selects(null!));

    [Fact]
    public void Properties_AreRead()
    {
        var selection = Select("""{ "attribute": "email", "suffix": ["@a.test", "@b.test"] }""");

        selection.Attribute.ShouldBe("email");
        selection.BySuffix.ShouldBeTrue();
        selection.Values.ShouldBe(["@a.test", "@b.test"]);
        Select("""{ "attribute": "custom:tenant", "in": ["acme"] }""").BySuffix.ShouldBeFalse();
    }

    [Fact]
    public void Select_NoSelectSection_IsNull() => MapText.Valid("", "drop").Select.ShouldBeNull();
}
