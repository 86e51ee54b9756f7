namespace AttrMapper.Cognito;

/// <summary>One page of AdminListGroupsForUser: the group names, and the token of the next page (null on the last).</summary>
public sealed record GroupsPage(IReadOnlyList<string> Groups, string? NextToken)
{
    /// <summary>Cognito's maximum page size for AdminListGroupsForUser.</summary>
    public const int Limit = 60;

    /// <summary>A 200 without <c>Groups</c>, or a group without a name, is malformed (fail closed).</summary>
    internal static GroupsPage FromAnswer(AdminListGroupsForUserResponse response)
    {
        if (response.Groups is null || response.Groups.Any(g => g.GroupName is null))
        {
            throw CognitoTransport.Malformed();
        }

        return new GroupsPage([.. response.Groups.Select(g => g.GroupName!)], string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken);
    }
}
