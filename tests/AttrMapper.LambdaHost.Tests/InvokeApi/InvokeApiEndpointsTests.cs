using AttrMapper.LambdaHost.InvokeApi;

namespace AttrMapper.LambdaHost.Tests.InvokeApi;

public sealed class InvokeApiEndpointsTests
{
    [Theory]
    [InlineData("attrmapper", true)]
    [InlineData("attrmapper:$LATEST", true)]
    [InlineData("123456789012:function:attrmapper", true)]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:attrmapper", true)]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:attrmapper:live", true)]
    [InlineData("other", false)]
    [InlineData("attrmapper2", false)]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:other", false)]
    [InlineData("", false)]
    public void NamesFunction_RequestedName_MatchesOnlyThisFunction(string requested, bool expected) =>
        InvokeApiEndpoints.NamesFunction(requested, "attrmapper").ShouldBe(expected);
}
