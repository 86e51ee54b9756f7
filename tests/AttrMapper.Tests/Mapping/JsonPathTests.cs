using AttrMapper.Mapping;

namespace AttrMapper.Tests.Mapping;

public sealed class JsonPathTests
{
    [Theory]
    [InlineData("$", "version", "$.version")]
    [InlineData("$.rules[3]", "to", "$.rules[3].to")]
    [InlineData("$.challenges", "SMS_MFA", "$.challenges.SMS_MFA")]
    [InlineData("$", "a b", "$['a b']")]
    [InlineData("$", "custom:x", "$['custom:x']")]
    [InlineData("$", "it's", "$['it\\'s']")]
    [InlineData("$", "", "$['']")]
    [InlineData("$", "9lives", "$['9lives']")]
    [InlineData("$", "line\nbreak", "$['line\\u000abreak']")]
    public void Property_Name_Expected(string parent, string name, string expected) =>
        JsonPath.Property(parent, name).ShouldBe(expected);

    [Fact]
    public void Index_Rules_Expected() => JsonPath.Index("$.rules", 12).ShouldBe("$.rules[12]");
}
