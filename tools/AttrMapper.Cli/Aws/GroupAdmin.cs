using AttrMapper.Cognito;

namespace AttrMapper.Cli.Aws;

/// <summary>
/// The group calls only the CLI makes, on any pool, over the function's public <see cref="CognitoTransport"/>: the pool's
/// groups (ListGroups) and its app clients with what each may write (map validate --pool). The function never makes them.
/// </summary>
internal sealed class GroupAdmin(CognitoTransport transport, string userPoolId, CognitoEndpoint endpoint)
{
    /// <summary>Cognito's page size for ListGroups and ListUserPoolClients.</summary>
    public const int PageSize = 60;

    /// <summary>Bound on pages (Cognito allows 10,000 groups and 1,000 app clients a pool), so a token that never ends cannot loop.</summary>
    public const int MaxPages = 200;

    public string UserPoolId => userPoolId;

    /// <summary>Every group name of the pool, following NextToken.</summary>
    public async Task<IReadOnlyList<string>> GroupNamesAsync(CancellationToken ct)
    {
        var names = new List<string>();
        string? next = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var request = new ListGroupsRequest { UserPoolId = userPoolId, Limit = PageSize, NextToken = next };
            var response = await transport.CallAsync(endpoint, "ListGroups", request, CliCognitoJsonContext.Default.ListGroupsRequest,
                CliCognitoJsonContext.Default.ListGroupsResponse, ct).ConfigureAwait(false);
            if (response.Groups is null || response.Groups.Any(g => string.IsNullOrEmpty(g.GroupName)))
            {
                throw CognitoTransport.Malformed();
            }

            names.AddRange(response.Groups.Select(g => g.GroupName!));
            if (string.IsNullOrEmpty(next = response.NextToken))
            {
                return names;
            }
        }

        throw CognitoTransport.Malformed();
    }

    /// <summary>Every app client id and name of the pool, following NextToken.</summary>
    public async Task<IReadOnlyList<(string ClientId, string? ClientName)>> ClientsAsync(CancellationToken ct)
    {
        var clients = new List<(string, string?)>();
        string? next = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var request = new ListUserPoolClientsRequest { UserPoolId = userPoolId, MaxResults = PageSize, NextToken = next };
            var response = await transport.CallAsync(endpoint, "ListUserPoolClients", request, CliCognitoJsonContext.Default.ListUserPoolClientsRequest,
                CliCognitoJsonContext.Default.ListUserPoolClientsResponse, ct).ConfigureAwait(false);
            if (response.UserPoolClients is null || response.UserPoolClients.Any(c => string.IsNullOrEmpty(c.ClientId)))
            {
                throw CognitoTransport.Malformed();
            }

            clients.AddRange(response.UserPoolClients.Select(c => (c.ClientId!, c.ClientName)));
            if (string.IsNullOrEmpty(next = response.NextToken))
            {
                return clients;
            }
        }

        throw CognitoTransport.Malformed();
    }

    /// <summary>The attributes an app client lets a signed-in user write (UpdateUserAttributes); null when the client has no list.</summary>
    public async Task<IReadOnlyList<string>?> WriteAttributesAsync(string clientId, CancellationToken ct)
    {
        var request = new DescribeUserPoolClientRequest { UserPoolId = userPoolId, ClientId = clientId };
        var response = await transport.CallAsync(endpoint, "DescribeUserPoolClient", request, CliCognitoJsonContext.Default.DescribeUserPoolClientRequest,
            CliCognitoJsonContext.Default.DescribeClientWritesResponse, ct).ConfigureAwait(false);
        return response.UserPoolClient is { } client ? client.WriteAttributes : throw CognitoTransport.Malformed();
    }
}
