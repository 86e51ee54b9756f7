namespace AttrMapper.Cognito;

/// <summary>The old user pool, as the migration handler needs it. One attempt per call: retry policy belongs to the handler.</summary>
internal interface IOldPool
{
    /// <summary>ADMIN_USER_PASSWORD_AUTH. Tokens of a successful sign-in are discarded unread.</summary>
    Task<AuthResult> AdminInitiateAuthAsync(string username, string password, CancellationToken ct);

    Task<OldUser> AdminGetUserAsync(string username, CancellationToken ct);

    /// <summary>Users whose <paramref name="attributeName"/> equals <paramref name="value"/> exactly, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<OldUser>> ListUsersAsync(string attributeName, string value, int limit, CancellationToken ct);
}

/// <summary>Outcome of a sign-in that the old pool accepted: authenticated, or a challenge. Tokens are never surfaced.</summary>
internal sealed record AuthResult(bool Authenticated, string? ChallengeName);

/// <summary>A user of the old pool with its attributes (name, value), as Cognito listed them.</summary>
internal sealed record OldUser(string Username, bool Enabled, string UserStatus, IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    // Attribute values are user data: keep them out of every ToString (logs, assertion messages).
    public override string ToString() =>
        $"OldUser {{ Enabled = {Enabled}, UserStatus = {UserStatus}, Attributes = {Attributes.Count} }}";
}
