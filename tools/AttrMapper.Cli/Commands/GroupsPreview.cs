using System.Text.Json;
using AttrMapper.Cli.Aws;
using AttrMapper.Cognito;
using AttrMapper.Groups;
using AttrMapper.Mapping;

namespace AttrMapper.Cli.Commands;

/// <summary>
/// <c>preview</c> with a <c>groups</c> map: the old user's groups (AdminListGroupsForUser, paged) and what the map's
/// group rules (<see cref="GroupMap.Apply"/>, the function's own) make of them in the new pool.
/// </summary>
/// <param name="Complete">False when the user has more groups than a settle reads (<see cref="AttrMapper.Groups.OldGroups.MaxPages"/> pages).</param>
internal sealed record GroupsPreview(string Marker, IReadOnlyList<string> OldGroups, IReadOnlyList<string> NewGroups, bool Complete)
{
    public static async Task<GroupsPreview> ReadAsync(OldPoolClient pool, string oldUsername, GroupMap map, CancellationToken ct)
    {
        IReadOnlyList<string> read;
        bool complete;
        try
        {
            (read, complete) = await AttrMapper.Groups.OldGroups.ReadAsync(next => pool.AdminListGroupsForUserAsync(oldUsername, next, ct)).ConfigureAwait(false);
        }
        catch (CognitoException e)
        {
            throw AwsFailures.FromCognito(e, $"old pool {pool.Options.UserPoolId}, groups of {oldUsername}");
        }

        List<string> old = [.. read.Order(StringComparer.Ordinal)];
        return new GroupsPreview(map.Marker, old, map.Apply(old), complete);
    }

    public void WriteHuman(TextWriter o)
    {
        o.WriteLine();
        o.WriteLine($"groups (carried in {Marker}, settled at the next sign-in or by attrmapper groups settle):");
        o.WriteLine($"  old groups  {List(OldGroups)}{(Complete ? string.Empty : " ... (more than a settle reads: the marker would be a lookup that cannot settle)")}");
        o.WriteLine($"  new groups  {List(NewGroups)}");
        var dropped = OldGroups.Where(g => !NewGroups.Contains(g, StringComparer.Ordinal)).ToList();
        if (dropped.Count > 0)
        {
            o.WriteLine($"  (not carried over under these names: {string.Join(", ", dropped)})");
        }

        if (NewGroups.Count == 0)
        {
            o.WriteLine("  no group results: the migration carries no marker");
        }
    }

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject("groups");
        w.WriteString("marker", Marker);
        Array(w, "oldGroups", OldGroups);
        Array(w, "newGroups", NewGroups);
        w.WriteBoolean("complete", Complete);
        w.WriteEndObject();
    }

    private static string List(IReadOnlyList<string> groups) => groups.Count == 0 ? "(none)" : string.Join(", ", groups);

    private static void Array(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
