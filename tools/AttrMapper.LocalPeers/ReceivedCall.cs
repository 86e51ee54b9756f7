namespace AttrMapper.LocalPeers;

/// <summary>A request a fake received: enough for tests to count upstream calls and check what was sent.</summary>
/// <param name="Operation">From X-Amz-Target, e.g. AdminInitiateAuth.</param>
/// <param name="Username">Username or AuthParameters.USERNAME, when the operation has one.</param>
/// <param name="HadSecretHash">AuthParameters.SECRET_HASH was present.</param>
/// <param name="HadAuthorization">An Authorization header was present.</param>
/// <param name="Filter">ListUsers filter, as sent.</param>
/// <param name="Authorization">The Authorization header value (a signature, not a secret).</param>
/// <param name="HadSecurityToken">An X-Amz-Security-Token header was present.</param>
public sealed record ReceivedCall(
    string Operation,
    string? Username,
    bool HadSecretHash,
    bool HadAuthorization,
    string? Filter,
    string? Authorization,
    bool HadSecurityToken);
