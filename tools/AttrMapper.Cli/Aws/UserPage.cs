using AttrMapper.Cognito;

namespace AttrMapper.Cli.Aws;

/// <summary>One page of ListUsers; <see cref="PaginationToken"/> is null on the last page.</summary>
internal sealed record UserPage(IReadOnlyList<OldUser> Users, string? PaginationToken)
{
    // The token is opaque upstream text: keep it out of ToString.
    public override string ToString() => $"UserPage {{ Users = {Users.Count}, More = {PaginationToken is not null} }}";
}
