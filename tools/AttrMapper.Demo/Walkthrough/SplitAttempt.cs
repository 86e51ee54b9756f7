namespace AttrMapper.Demo.Walkthrough;

/// <summary>One sign-in of the split run: who, to which tenant's pool, and what came of it.</summary>
/// <param name="LandedTenantId">The custom:tenant_id the user has in that pool afterwards; null when the pool does not hold them.</param>
public sealed record SplitAttempt(string Username, string UserTenant, string Pool, bool SignedIn, string? ErrorType, string? LandedTenantId)
{
    public bool OwnPool => UserTenant == Pool;
}
