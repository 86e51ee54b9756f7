using AttrMapper.Mapping;

namespace AttrMapper.Tests.Mapping;

public sealed class AttributeNamesTests
{
    [Theory]
    [InlineData("email", true)]
    [InlineData("phone_number_verified", true)]
    [InlineData("zoneinfo", true)]
    [InlineData("custom:a", true)]
    [InlineData("custom:abcdefghijklmnopqrst", true)]
    [InlineData("custom:A-b_9", true)]
    [InlineData("custom:abcdefghijklmnopqrstu", false)]
    [InlineData("custom:", false)]
    [InlineData("custom:a.b", false)]
    [InlineData("custom:a b", false)]
    [InlineData("custom:é", false)]
    [InlineData("Custom:a", false)]
    [InlineData("Email", false)]
    [InlineData("sub", false)]
    [InlineData("identities", false)]
    [InlineData("username", false)]
    [InlineData("cognito:user_status", false)]
    [InlineData("dev:custom:a", false)]
    [InlineData("", false)]
    public void IsValidTarget_Name_Expected(string name, bool expected) =>
        AttributeNames.IsValidTarget(name).ShouldBe(expected);

    [Theory]
    [InlineData("email", true)]
    [InlineData("sub", true)]
    [InlineData("custom:a.b", true)]
    [InlineData("custom:émail", true)]
    [InlineData("dev:custom:secret", true)]
    [InlineData("custom:abcdefghijklmnopqrstu", false)]
    [InlineData("custom:a b", false)]
    [InlineData("custom:a\tb", false)]
    [InlineData("dev:custom:", false)]
    [InlineData("dev:other", false)]
    [InlineData("identities", false)]
    [InlineData("username", false)]
    [InlineData("cognito:user_status", false)]
    [InlineData("foo", false)]
    [InlineData("", false)]
    public void IsValidSource_Name_Expected(string name, bool expected) =>
        AttributeNames.IsValidSource(name).ShouldBe(expected);

    [Theory]
    [InlineData("sub", true)]
    [InlineData("identities", true)]
    [InlineData("username", true)]
    [InlineData("cognito:", true)]
    [InlineData("cognito:mfa_enabled", true)]
    [InlineData("dev:custom:x", true)]
    [InlineData("Sub", false)]
    [InlineData("email", false)]
    [InlineData("custom:sub", false)]
    public void IsNeverEmitted_Name_Expected(string name, bool expected) =>
        AttributeNames.IsNeverEmitted(name).ShouldBe(expected);

    [Theory]
    [InlineData("email_verified", true)]
    [InlineData("phone_number_verified", true)]
    [InlineData("custom:email_verified", false)]
    [InlineData("email", false)]
    public void IsVerificationFlag_Name_Expected(string name, bool expected) =>
        AttributeNames.IsVerificationFlag(name).ShouldBe(expected);

    [Fact]
    public void Standard_IsTheListOfSection4() =>
        AttributeNames.Standard.Count.ShouldBe(19);
}
