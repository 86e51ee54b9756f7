namespace AttrMapper.Demo.Stack;

/// <summary>What a USER_PASSWORD_AUTH sign-in to the new pool answered: tokens, a challenge, or an error code.</summary>
public sealed record SignInResult(bool SignedIn, string? ChallengeName, string? ErrorType)
{
    public override string ToString() =>
        SignedIn ? "signed in" : ChallengeName is not null ? "challenge " + ChallengeName : "refused: " + (ErrorType ?? "unknown error");
}
