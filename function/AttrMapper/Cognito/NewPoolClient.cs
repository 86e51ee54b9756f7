using AttrMapper.Aws;

namespace AttrMapper.Cognito;

/// <summary>
/// The new pool's operations over <see cref="CognitoTransport"/>: the endpoint and signing region come from the event's
/// pool id, the credentials are the function's own (never the old pool's assumed role).
/// </summary>
internal sealed class NewPoolClient(CognitoTransport transport, Uri? endpointOverride, TimeSpan attemptTimeout) : INewPool
{
    public async Task<IReadOnlyList<string>> UsernameAttributesAsync(string userPoolId, CancellationToken ct)
    {
        var response = await transport.CallAsync(Endpoint(userPoolId), "DescribeUserPool", new DescribeUserPoolRequest { UserPoolId = userPoolId },
            CognitoJsonContext.Default.DescribeUserPoolRequest, CognitoJsonContext.Default.DescribeUserPoolResponse, ct).ConfigureAwait(false);
        return response.UserPool is { } pool ? pool.UsernameAttributes ?? [] : throw CognitoTransport.Malformed();
    }

    public Task AdminAddUserToGroupAsync(string userPoolId, string username, string groupName, CancellationToken ct) =>
        transport.CallAsync(Endpoint(userPoolId), "AdminAddUserToGroup",
            new AdminAddUserToGroupRequest { UserPoolId = userPoolId, Username = username, GroupName = groupName },
            CognitoJsonContext.Default.AdminAddUserToGroupRequest, CognitoJsonContext.Default.EmptyAnswer, ct);

    public Task AdminDeleteUserAttributesAsync(string userPoolId, string username, string attributeName, CancellationToken ct) =>
        transport.CallAsync(Endpoint(userPoolId), "AdminDeleteUserAttributes",
            new AdminDeleteUserAttributesRequest { UserPoolId = userPoolId, Username = username, UserAttributeNames = [attributeName] },
            CognitoJsonContext.Default.AdminDeleteUserAttributesRequest, CognitoJsonContext.Default.EmptyAnswer, ct);

    private CognitoEndpoint Endpoint(string userPoolId)
    {
        var region = AwsEndpoints.RegionOfPool(userPoolId);
        return new CognitoEndpoint(AwsEndpoints.Cognito(region, endpointOverride), region, attemptTimeout);
    }
}
