using AttrMapper.Mapping;

namespace AttrMapper.Tests.Mapping;

public sealed class NameTextTests
{
    [Theory]
    [InlineData("email", "\"email\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("a\\b", "\"a\\\\b\"")]
    [InlineData("a\u0000b", "\"a\\u0000b\"")]
    [InlineData("", "\"\"")]
    public void Quote_Name_Expected(string name, string expected) => NameText.Quote(name).ShouldBe(expected);

    [Fact]
    public void Quote_LongName_CutAt64WithEllipsis() =>
        NameText.Quote(new string('n', 1000)).ShouldBe("\"" + new string('n', 64) + "…\"");
}
