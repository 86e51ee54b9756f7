namespace AttrMapper.LocalPeers;

/// <summary>A group of a scripted pool, as CreateGroup would make it.</summary>
public sealed class FakeGroup
{
    public required string GroupName { get; init; }

    public string? Description { get; init; }

    public string? RoleArn { get; init; }

    public int? Precedence { get; init; }
}
