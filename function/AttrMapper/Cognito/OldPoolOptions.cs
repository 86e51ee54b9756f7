using AttrMapper.Aws;

namespace AttrMapper.Cognito;

/// <summary>Where and how the old pool is called.</summary>
/// <param name="UserPoolId">e.g. eu-west-1_AbC123.</param>
/// <param name="ClientId">An app client with ALLOW_ADMIN_USER_PASSWORD_AUTH.</param>
/// <param name="Endpoint">The Cognito endpoint (an override for local peers, else the regional one).</param>
/// <param name="Region">Signing region: the part of the pool id before the underscore.</param>
/// <param name="AttemptTimeout">Bound on one call; exceeding it fails the call with <see cref="CognitoErrorKind.Timeout"/>.</param>
public sealed record OldPoolOptions(string UserPoolId, string ClientId, Uri Endpoint, string Region, TimeSpan AttemptTimeout)
{
    /// <summary>The endpoint override (the configuration's, never read here) when given, else https://cognito-idp.{region}.amazonaws.com.</summary>
    public static OldPoolOptions Create(string userPoolId, string clientId, TimeSpan attemptTimeout, Uri? endpointOverride)
    {
        var region = AwsEndpoints.RegionOfPool(userPoolId);
        return new OldPoolOptions(userPoolId, clientId, AwsEndpoints.Cognito(region, endpointOverride), region, attemptTimeout);
    }
}
