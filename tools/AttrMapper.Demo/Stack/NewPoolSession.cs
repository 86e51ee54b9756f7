namespace AttrMapper.Demo.Stack;

/// <summary>A sign-in to the new pool with the tokens it issued (null when it issued none). The tokens are never printed.</summary>
public sealed record NewPoolSession(SignInResult Result, string? IdToken, string? AccessToken);
