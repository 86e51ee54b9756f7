namespace AttrMapper.Cognito;

// The group calls' wire shapes (DESIGN.md §9, fixtures/cognito-answers.md "Answers the second round needs").
internal sealed class AdminListGroupsForUserRequest
{
    public required string UserPoolId { get; init; }

    public required string Username { get; init; }

    public required int Limit { get; init; }

    public string? NextToken { get; init; }
}

internal sealed class GroupWire
{
    public string? GroupName { get; init; }
}

internal sealed class AdminListGroupsForUserResponse
{
    public List<GroupWire>? Groups { get; init; }

    public string? NextToken { get; init; }
}

internal sealed class AdminAddUserToGroupRequest
{
    public required string UserPoolId { get; init; }

    public required string Username { get; init; }

    public required string GroupName { get; init; }
}

internal sealed class AdminDeleteUserAttributesRequest
{
    public required string UserPoolId { get; init; }

    public required string Username { get; init; }

    public required List<string> UserAttributeNames { get; init; }
}

internal sealed class DescribeUserPoolRequest
{
    public required string UserPoolId { get; init; }
}

internal sealed class UserPoolWire
{
    public List<string>? UsernameAttributes { get; init; }
}

internal sealed class DescribeUserPoolResponse
{
    public UserPoolWire? UserPool { get; init; }
}

/// <summary>The <c>{}</c> of a call that answers nothing.</summary>
internal sealed class EmptyAnswer;
