using AttrMapper.Mapping;

namespace AttrMapper.Cognito;

/// <summary>Outcome of a sign-in that the old pool accepted: authenticated, or a challenge. No token is ever surfaced.</summary>
/// <param name="Authenticated">The old pool returned an AuthenticationResult.</param>
/// <param name="ChallengeName">The challenge the old pool asked for instead, when it did.</param>
/// <param name="IdToken">
/// The claims decoded from the AuthenticationResult's ID token (attributes and groups, never the token itself); null on a
/// challenge, or when the token was missing or malformed. Lives as long as the invocation that received it.
/// </param>
public sealed record AuthResult(bool Authenticated, string? ChallengeName, IdTokenClaims? IdToken = null);
