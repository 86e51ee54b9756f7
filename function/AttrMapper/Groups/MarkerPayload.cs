namespace AttrMapper.Groups;

/// <summary>
/// What a verified marker says: the new pool's groups (<see cref="Groups"/>), or "look them up later" in the old pool
/// under <see cref="OldUsername"/>. Exactly one of the two is set.
/// </summary>
internal sealed record MarkerPayload(IReadOnlyList<string>? Groups, string? OldUsername)
{
    public bool IsLookup => Groups is null;

    public static MarkerPayload Of(IReadOnlyList<string> groups) => new(groups, null);

    public static MarkerPayload Lookup(string oldUsername) => new(null, oldUsername);
}
