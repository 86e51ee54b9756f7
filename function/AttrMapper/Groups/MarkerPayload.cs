namespace AttrMapper.Groups;

/// <summary>
/// What a verified marker says: the new pool's groups (<see cref="Groups"/>), or "look them up later" in the old pool
/// under <see cref="OldUsername"/>. Exactly one of the two is set.
/// </summary>
/// <remarks>
/// Public so that a second program can hold one, but only this assembly makes one (the marker's codec, after its tag
/// verified): outside code cannot hand <see cref="MarkerSettlement"/> groups that no marker carried.
/// </remarks>
public sealed record MarkerPayload
{
    private MarkerPayload(IReadOnlyList<string>? groups, string? oldUsername)
    {
        Groups = groups;
        OldUsername = oldUsername;
    }

    public IReadOnlyList<string>? Groups { get; }

    public string? OldUsername { get; }

    public bool IsLookup => Groups is null;

    internal static MarkerPayload Of(IReadOnlyList<string> groups) => new(groups, null);

    internal static MarkerPayload Lookup(string oldUsername) => new(null, oldUsername);
}
