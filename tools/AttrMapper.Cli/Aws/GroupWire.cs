namespace AttrMapper.Cli.Aws;

// The Cognito JSON 1.1 shapes of the group checks (map validate --pool with groups); unknown response fields are ignored.

internal sealed class ListGroupsRequest
{
    public required string UserPoolId { get; init; }

    public required int Limit { get; init; }

    public string? NextToken { get; init; }
}

internal sealed class ListedGroupWire
{
    public string? GroupName { get; init; }
}

internal sealed class ListGroupsResponse
{
    public List<ListedGroupWire>? Groups { get; init; }

    public string? NextToken { get; init; }
}

internal sealed class ListUserPoolClientsRequest
{
    public required string UserPoolId { get; init; }

    public required int MaxResults { get; init; }

    public string? NextToken { get; init; }
}

internal sealed class ListedClientWire
{
    public string? ClientId { get; init; }

    public string? ClientName { get; init; }
}

internal sealed class ListUserPoolClientsResponse
{
    public List<ListedClientWire>? UserPoolClients { get; init; }

    public string? NextToken { get; init; }
}

internal sealed class ClientWritesWire
{
    public string? ClientId { get; init; }

    /// <summary>Absent when the client was created without a list (Cognito then omits it).</summary>
    public List<string>? WriteAttributes { get; init; }
}

internal sealed class DescribeClientWritesResponse
{
    public ClientWritesWire? UserPoolClient { get; init; }
}
