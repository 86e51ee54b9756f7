using AttrMapper.Aws;

namespace AttrMapper.Cognito;

/// <summary>Where one pool's calls go: the endpoint, the signing region (the pool id's prefix) and the bound on one attempt.</summary>
public sealed record CognitoEndpoint(Uri Endpoint, string Region, TimeSpan AttemptTimeout)
{
    /// <summary>The endpoint of <paramref name="userPoolId"/>'s region (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then AWS_ENDPOINT_URL, else regional).</summary>
    public static CognitoEndpoint ForPool(string userPoolId, TimeSpan attemptTimeout, Func<string, string?> environment)
    {
        var region = AwsEndpoints.RegionOfPool(userPoolId);
        return new CognitoEndpoint(AwsEndpoints.Cognito(region, environment), region, attemptTimeout);
    }
}
