using System.Collections.Concurrent;

namespace AttrMapper.LocalPeers;

/// <summary>One pool served by the scripted endpoint: its users, groups, memberships, app clients and settings.</summary>
internal sealed class PoolState(string id)
{
    public string Id { get; } = id;

    public ConcurrentDictionary<string, FakeUser> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>Guards the group, membership and client collections, and read-modify-write of a user.</summary>
    public object Gate { get; } = new();

    public SortedDictionary<string, (FakeGroup Group, DateTimeOffset Created)> Groups { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SortedSet<string>> Memberships { get; } = new(StringComparer.Ordinal);

    public List<FakeAppClient> Clients { get; } = [];

    public List<(string Name, string DataType, bool Mutable, int? MaxLength)>? Schema { get; set; }

    public List<string>? UsernameAttributes { get; set; }

    public string? PreTokenGenerationLambdaArn { get; set; }

    public IReadOnlyList<string> GroupsOf(string username)
    {
        lock (Gate)
        {
            return Memberships.TryGetValue(username, out var groups) ? [.. groups] : [];
        }
    }
}
