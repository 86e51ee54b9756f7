using AttrMapper.Aws;

namespace AttrMapper.Tests.Aws;

public sealed class AwsEndpointsTests
{
    [Theory]
    [InlineData(null, null, "https://cognito-idp.eu-west-1.amazonaws.com/")]
    [InlineData(null, "http://127.0.0.1:4566", "http://127.0.0.1:4566/")]
    [InlineData("http://127.0.0.1:9229", "http://127.0.0.1:4566", "http://127.0.0.1:9229/")]
    [InlineData("  ", "http://127.0.0.1:4566", "http://127.0.0.1:4566/")]
    public void Cognito_EndpointVariables_ServiceSpecificThenGlobalThenRegional(string? specific, string? global, string expected)
    {
        var env = new Dictionary<string, string?>
        {
            [AwsEndpoints.CognitoVariable] = specific,
            [AwsEndpoints.GlobalVariable] = global,
            [AwsEndpoints.SsmVariable] = "http://127.0.0.1:1/",
        };

        AwsEndpoints.Cognito("eu-west-1", n => env.GetValueOrDefault(n)).ToString().ShouldBe(expected);
    }

    [Fact]
    public void Override_NotAnHttpUrl_ThrowsNamingTheVariable()
    {
        var e = Should.Throw<ArgumentException>(() => AwsEndpoints.Override(AwsEndpoints.SsmVariable, _ => "ftp://x"));

        e.Message.ShouldContain(AwsEndpoints.SsmVariable);
    }

    [Theory]
    [InlineData("eu-west-1_AbC123", "eu-west-1")]
    [InlineData("us-gov-west-1_x", "us-gov-west-1")]
    [InlineData("local_5g8FUaOc", "local")]
    public void RegionOfPool_PoolId_PartBeforeUnderscore(string poolId, string region) =>
        AwsEndpoints.RegionOfPool(poolId).ShouldBe(region);

    [Theory]
    [InlineData("euwest1")]
    [InlineData("_abc")]
    [InlineData("eu-west-1_")]
    public void RegionOfPool_Malformed_Throws(string poolId) =>
        Should.Throw<ArgumentException>(() => AwsEndpoints.RegionOfPool(poolId));
}
