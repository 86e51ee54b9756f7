using System.Collections.Frozen;
using System.Collections.ObjectModel;

namespace AttrMapper.Mapping;

/// <summary>The map's compiled <c>groups</c> section: old group names to the new pool's, and the marker that carries them.</summary>
/// <remarks>
/// Apply semantics (section 4), with the decisions taken where it is silent:
/// <list type="bullet">
/// <item>The result is a set, returned in ordinal order: the same memberships give the same list whatever order the
/// old pool (AdminListGroupsForUser or the token's <c>cognito:groups</c>) lists them in, so the marker payload, which
/// the HMAC covers, is identical for both sources.</item>
/// <item>Under <c>unmapped: copy</c> an old group is "named by a rule" only when it is the <c>from</c> of a copy,
/// rename or drop. A rename's target is not: a user already in Y stays in Y when X → Y is renamed (a set has no
/// value to conflict over, unlike an attribute).</item>
/// <item><c>add</c> groups are always in the result, even for a user with no old groups.</item>
/// <item>An old name that is not a valid group name (or null) is ignored; a name listed twice counts once.</item>
/// </list>
/// </remarks>
public sealed class GroupMap
{
    private readonly FrozenDictionary<string, string[]> _bySource;
    private readonly string[] _added;

    private GroupMap(GroupsDraft draft)
    {
        Marker = draft.Marker!;
        Unmapped = draft.Unmapped;

        var bySource = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var rule in draft.Rules)
        {
            switch (rule.Op)
            {
                case GroupOp.Copy or GroupOp.Rename:
                    TargetsOf(bySource, rule.From!).Add(rule.Target!);
                    break;
                case GroupOp.Drop:
                    TargetsOf(bySource, rule.From!);
                    break;
                case GroupOp.Add:
                    added.Add(rule.To!);
                    break;
            }
        }

        _bySource = bySource.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _added = [.. added.Distinct(StringComparer.Ordinal)];
        var targets = draft.Rules.Where(r => r.Target is not null).Select(r => r.Target!).Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(targets, StringComparer.Ordinal);
        Targets = new ReadOnlyCollection<string>(targets);
    }

    /// <summary>The <c>custom:</c> attribute of the new pool that carries the mapped groups to the later triggers.</summary>
    public string Marker { get; }

    /// <summary>What happens to old groups no rule names.</summary>
    public UnmappedPolicy Unmapped { get; }

    /// <summary>Every group a rule can put a user in (copy, rename and add targets), ordinal order; for ListGroups checks.</summary>
    /// <remarks>Under <c>unmapped: copy</c> any old group may also result; only the old pool's ListGroups knows those.</remarks>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>Maps one user's old group names to the new pool's: distinct, in ordinal order. Pure.</summary>
    public IReadOnlyList<string> Apply(IReadOnlyList<string> oldGroups)
    {
        ArgumentNullException.ThrowIfNull(oldGroups);
        var result = new HashSet<string>(_added, StringComparer.Ordinal);
        for (var i = 0; i < oldGroups.Count; i++)
        {
            var name = oldGroups[i];
            if (!GroupNames.IsValid(name))
            {
                continue;
            }

            if (_bySource.TryGetValue(name, out var targets))
            {
                result.UnionWith(targets);
            }
            else if (Unmapped == UnmappedPolicy.Copy)
            {
                result.Add(name);
            }
        }

        if (result.Count == 0)
        {
            return [];
        }

        var sorted = new string[result.Count];
        result.CopyTo(sorted);
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    /// <summary>Compiles a section that <see cref="MapValidator"/> found no problem in.</summary>
    internal static GroupMap FromValidDraft(GroupsDraft draft) => new(draft);

    private static List<string> TargetsOf(Dictionary<string, List<string>> bySource, string source)
    {
        if (!bySource.TryGetValue(source, out var targets))
        {
            targets = [];
            bySource.Add(source, targets);
        }

        return targets;
    }
}
