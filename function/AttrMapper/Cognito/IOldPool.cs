namespace AttrMapper.Cognito;

/// <summary>The old user pool, as the migration handler needs it. One attempt per call: retry policy belongs to the handler.</summary>
internal interface IOldPool
{
    /// <summary>ADMIN_USER_PASSWORD_AUTH. Of a successful sign-in's tokens only the ID token's claims are kept (<see cref="AuthResult.IdToken"/>).</summary>
    Task<AuthResult> AdminInitiateAuthAsync(string username, string password, CancellationToken ct);

    Task<OldUser> AdminGetUserAsync(string username, CancellationToken ct);

    /// <summary>Users whose <paramref name="attributeName"/> equals <paramref name="value"/> exactly, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<OldUser>> ListUsersAsync(string attributeName, string value, int limit, CancellationToken ct);

    /// <summary>One page (up to <see cref="GroupsPage.Limit"/>) of the user's groups (AdminListGroupsForUser).</summary>
    Task<GroupsPage> AdminListGroupsForUserAsync(string username, string? nextToken, CancellationToken ct);
}
