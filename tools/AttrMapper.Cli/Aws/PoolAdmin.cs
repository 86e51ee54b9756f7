using AttrMapper.Cognito;

namespace AttrMapper.Cli.Aws;

/// <summary>
/// The calls only the CLI makes, on any pool, over the function's public <see cref="CognitoTransport"/>: every user a
/// page at a time (progress), and the pool's schema (map validate --pool). The function never makes them.
/// </summary>
internal sealed class PoolAdmin(CognitoTransport transport, string userPoolId, CognitoEndpoint endpoint)
{
    public string UserPoolId => userPoolId;

    public string Region => endpoint.Region;

    /// <summary>One page of every user in the pool (no filter); pass the previous page's token, a null token in the answer means the last page.</summary>
    public async Task<UserPage> ListUsersPageAsync(int limit, string? paginationToken, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 60);
        var request = new ListAllUsersRequest
        {
            UserPoolId = userPoolId,
            Limit = limit,
            PaginationToken = string.IsNullOrEmpty(paginationToken) ? null : paginationToken,
        };
        var response = await transport.CallAsync(endpoint, "ListUsers", request, CliCognitoJsonContext.Default.ListAllUsersRequest,
            CliCognitoJsonContext.Default.ListAllUsersResponse, ct).ConfigureAwait(false);
        if (response.Users is null)
        {
            throw CognitoTransport.Malformed();
        }

        var users = new List<OldUser>(response.Users.Count);
        foreach (var u in response.Users)
        {
            users.Add(OldUser.FromAnswer(u.Username, u.Enabled, u.UserStatus, u.Attributes?.Select(a => new KeyValuePair<string?, string?>(a.Name, a.Value))));
        }

        return new UserPage(users, string.IsNullOrEmpty(response.PaginationToken) ? null : response.PaginationToken);
    }

    /// <summary>The pool's schema attributes and username attributes.</summary>
    public async Task<UserPoolDescription> DescribeUserPoolAsync(CancellationToken ct)
    {
        var request = new DescribeUserPoolRequest { UserPoolId = userPoolId };
        var response = await transport.CallAsync(endpoint, "DescribeUserPool", request, CliCognitoJsonContext.Default.DescribeUserPoolRequest,
            CliCognitoJsonContext.Default.DescribeUserPoolResponse, ct).ConfigureAwait(false);
        var pool = response.UserPool;
        if (pool?.Id is null)
        {
            throw CognitoTransport.Malformed();
        }

        var attributes = new List<SchemaAttribute>();
        foreach (var a in pool.SchemaAttributes ?? [])
        {
            if (string.IsNullOrEmpty(a.Name))
            {
                throw CognitoTransport.Malformed();
            }

            int? max = int.TryParse(a.StringAttributeConstraints?.MaxLength, out var m) ? m : null;
            attributes.Add(new SchemaAttribute(a.Name, a.AttributeDataType, a.Mutable ?? false, max, a.Required ?? false));
        }

        var preToken = !string.IsNullOrEmpty(pool.LambdaConfig?.PreTokenGeneration) || !string.IsNullOrEmpty(pool.LambdaConfig?.PreTokenGenerationConfig?.LambdaArn);
        return new UserPoolDescription(pool.Id, pool.Name, attributes, pool.UsernameAttributes ?? [], pool.EstimatedNumberOfUsers, preToken);
    }

    /// <summary>The attributes an app client may read (its ID token carries no others); null when it may read every readable one.</summary>
    public async Task<IReadOnlyList<string>?> ReadAttributesAsync(string clientId, CancellationToken ct)
    {
        var request = new DescribeUserPoolClientRequest { UserPoolId = userPoolId, ClientId = clientId };
        var response = await transport.CallAsync(endpoint, "DescribeUserPoolClient", request, CliCognitoJsonContext.Default.DescribeUserPoolClientRequest,
            CliCognitoJsonContext.Default.DescribeUserPoolClientResponse, ct).ConfigureAwait(false);
        if (response.UserPoolClient is not { } client)
        {
            throw CognitoTransport.Malformed();
        }

        return client.ReadAttributes;
    }
}
