using AttrMapper.Cli.Aws;
using AttrMapper.Mapping;

namespace AttrMapper.Cli.Maps;

/// <summary>
/// <c>map validate --pool</c> for a map with <c>groups</c> (DESIGN.md §4, §5): the marker must be an attribute the
/// migration can write and the settle can delete, every group a rule puts users in must exist in the new pool (a missing
/// one is skipped for good: the membership is lost), and no app client should let users write the marker. Pure.
/// </summary>
internal static class GroupsCheck
{
    private const string MarkerPath = "$.groups.marker";
    private const string UnmappedPath = "$.groups.unmapped";

    /// <summary>One app client of the new pool and what it lets signed-in users write (null: no list).</summary>
    public sealed record ClientWrites(string ClientId, string? ClientName, IReadOnlyList<string>? WriteAttributes);

    /// <param name="oldGroups">The old pool's groups (with --old-pool), or null.</param>
    public static List<Finding> Check(
        GroupsDraft groups, UserPoolDescription newPool, IReadOnlyCollection<string> newGroups, IReadOnlyList<ClientWrites> clients,
        string? oldPoolId, IReadOnlyCollection<string>? oldGroups)
    {
        var findings = new List<Finding>();
        var marker = groups.Marker!;
        CheckMarker(marker, newPool, findings);

        var existing = newGroups.ToHashSet(StringComparer.Ordinal);
        foreach (var rule in groups.Rules)
        {
            if (rule.Target is { } target && !existing.Contains(target))
            {
                findings.Add(new(Severity.Error, rule.TargetPath, $"group {target} does not exist in pool {newPool.Id}",
                    $"create it in the new pool first (aws cognito-idp create-group --user-pool-id {newPool.Id} --group-name {target}); " +
                    "a membership in a missing group is skipped for good"));
            }
        }

        foreach (var client in clients)
        {
            var label = client.ClientName is { Length: > 0 } name ? $"{client.ClientId} ({name})" : client.ClientId;
            if (client.WriteAttributes is null)
            {
                findings.Add(new(Severity.Warning, MarkerPath, $"app client {label} of pool {newPool.Id} has no WriteAttributes list, so what its users may write is Cognito's default",
                    $"give it an explicit WriteAttributes list without {marker}: a marker a user writes gains nothing, but every such write is a rejected marker"));
            }
            else if (client.WriteAttributes.Contains(marker, StringComparer.Ordinal))
            {
                findings.Add(new(Severity.Warning, MarkerPath, $"app client {label} of pool {newPool.Id} lets its users write {marker}",
                    $"remove {marker} from the client's WriteAttributes: a marker a user writes gains nothing, but is counted and alarmed on as rejected"));
            }
        }

        if (oldGroups is not null)
        {
            CheckOldGroups(groups, newPool.Id, existing, oldPoolId!, oldGroups, findings);
        }
        else if (groups.Unmapped == UnmappedPolicy.Copy)
        {
            findings.Add(new(Severity.Warning, UnmappedPath, $"unmapped: copy carries every old group no rule names into pool {newPool.Id} under the same name",
                "give --old-pool to check that each of them exists in the new pool"));
        }

        return findings;
    }

    private static void CheckMarker(string marker, UserPoolDescription newPool, List<Finding> findings)
    {
        var attribute = newPool.Attributes.FirstOrDefault(a => string.Equals(a.Name, marker, StringComparison.Ordinal));
        if (attribute is null)
        {
            findings.Add(new(Severity.Error, MarkerPath, $"{marker} does not exist in pool {newPool.Id}",
                "add it to the new pool's schema as a mutable String custom attribute (max length 2048); no migration with groups could be answered without it"));
            return;
        }

        if (!string.Equals(attribute.DataType, "String", StringComparison.Ordinal))
        {
            findings.Add(new(Severity.Error, MarkerPath, $"{marker} is a {attribute.DataType ?? "non-String"} attribute in pool {newPool.Id}; the marker is a String",
                "use a String custom attribute for the marker"));
        }

        if (!attribute.Mutable)
        {
            findings.Add(new(Severity.Error, MarkerPath, $"{marker} is immutable in pool {newPool.Id}: the settle could never delete it",
                "use a mutable custom attribute for the marker (custom attributes cannot be changed; add a new one)"));
        }

        if (attribute.MaxLength is { } max && max < AttributeNames.MaxValueLength)
        {
            findings.Add(new(Severity.Warning, MarkerPath, $"{marker} takes at most {max} characters in pool {newPool.Id}; a marker can be up to {AttributeNames.MaxValueLength}",
                "a user with many groups would have their migration refused; give the attribute max length 2048"));
        }
    }

    private static void CheckOldGroups(
        GroupsDraft groups, string newPoolId, HashSet<string> existing, string oldPoolId, IReadOnlyCollection<string> oldGroups, List<Finding> findings)
    {
        var named = groups.Rules.Where(r => r.From is not null).Select(r => r.From!).ToHashSet(StringComparer.Ordinal);
        foreach (var old in oldGroups.Where(g => !named.Contains(g)).Order(StringComparer.Ordinal))
        {
            if (groups.Unmapped == UnmappedPolicy.Drop)
            {
                findings.Add(new(Severity.Warning, UnmappedPath, $"group {old} of pool {oldPoolId} is dropped: no rule names it",
                    $"add {{ \"op\": \"copy\", \"from\": \"{old}\" }} to carry its members over, or a drop rule to say it is meant"));
            }
            else if (!existing.Contains(old))
            {
                findings.Add(new(Severity.Error, UnmappedPath, $"unmapped: copy carries group {old} of pool {oldPoolId}, which pool {newPoolId} does not have",
                    $"create it in the new pool, or add {{ \"op\": \"drop\", \"from\": \"{old}\" }}"));
            }
        }
    }
}
