namespace AttrMapper.Cognito;

/// <summary>Outcome of a sign-in that the old pool accepted: authenticated, or a challenge. Tokens are never surfaced.</summary>
public sealed record AuthResult(bool Authenticated, string? ChallengeName);
