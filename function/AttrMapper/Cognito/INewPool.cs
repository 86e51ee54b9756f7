namespace AttrMapper.Cognito;

/// <summary>The new pool's calls the group triggers make, on the event's own pool. One attempt per call.</summary>
internal interface INewPool
{
    /// <summary>DescribeUserPool's <c>UsernameAttributes</c> (empty: users sign in by username).</summary>
    Task<IReadOnlyList<string>> UsernameAttributesAsync(string userPoolId, CancellationToken ct);

    Task AdminAddUserToGroupAsync(string userPoolId, string username, string groupName, CancellationToken ct);

    Task AdminDeleteUserAttributesAsync(string userPoolId, string username, string attributeName, CancellationToken ct);
}
