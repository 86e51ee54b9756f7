using AttrMapper.Cognito;

namespace AttrMapper.Tests.Cognito;

public sealed class UserFilterTests
{
    [Theory]
    [InlineData("email", "bob@example.com", "email = \"bob@example.com\"")]
    [InlineData("email", "a\"b", "email = \"a\\\"b\"")]
    [InlineData("email", "a\\b", "email = \"a\\\\b\"")]
    [InlineData("email", "\\\"", "email = \"\\\\\\\"\"")]
    [InlineData("phone_number", "+15550100", "phone_number = \"+15550100\"")]
    [InlineData("email", "", "email = \"\"")]
    public void Equal_Value_QuotesAndBackslashesEscaped(string attribute, string value, string expected) =>
        UserFilter.Equal(attribute, value).ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("email = \"x\" or")]
    [InlineData("e mail")]
    public void Equal_BadAttributeName_Throws(string attribute) =>
        Should.Throw<ArgumentException>(() => UserFilter.Equal(attribute, "x"));
}
