namespace AttrMapper.Mapping;

/// <summary>The semantic checks of the <c>groups</c> section: the marker, group names, conflicts between rules.</summary>
/// <remarks>
/// Decisions where section 4 is silent:
/// <list type="bullet">
/// <item>Two rules giving one group (<c>rename staff → employees</c> with <c>copy employees</c>, or two renames into
/// one group) are allowed, unlike two producers of one attribute: a membership is a set element, there is no value to
/// disagree over, and merging groups is a real need when a pool is reorganised. A rule that repeats an earlier one
/// exactly is reported, as a copy-and-paste slip (like a duplicate key).</item>
/// <item>"copy/rename and drop of one group", as for attributes, covers the copied or renamed group and any group a
/// rule puts the user in (rename and add targets): dropping what a rule produces is a contradiction.</item>
/// <item>The marker must be <c>custom:</c> + 1–20 of [A-Za-z0-9_-] and may not be produced by a copy, rename or
/// default rule. Under <c>unmapped: copy</c> an old attribute of that name is simply never emitted (see
/// <see cref="AttributeMap"/>), so that case needs no problem.</item>
/// </list>
/// </remarks>
internal static class GroupsValidator
{
    private const string MarkerPath = "$.groups.marker";
    private const string GroupHint = "a group name has 1-128 characters and no control characters";

    /// <summary>Adds the problems of <paramref name="groups"/> (read from <paramref name="draft"/>) to <paramref name="problems"/>.</summary>
    public static void Check(MapDraft draft, GroupsDraft groups, List<MapProblem> problems)
    {
        CheckMarker(draft, groups.Marker, problems);
        foreach (var rule in groups.Rules)
        {
            CheckNames(rule, problems);
        }

        var complete = groups.Rules.Where(r => r.Complete).ToList();
        CheckRepeats(complete, problems);
        CheckDropsAgainstUses(complete, problems);
    }

    private static void CheckMarker(MapDraft draft, string? marker, List<MapProblem> problems)
    {
        if (marker is null)
        {
            return;
        }

        if (!marker.StartsWith("custom:", StringComparison.Ordinal) || !AttributeNames.IsValidTarget(marker))
        {
            problems.Add(new(
                MarkerPath,
                $"{NameText.Quote(marker)} is not a custom attribute name",
                "custom: plus 1-20 of [A-Za-z0-9_-], a mutable String attribute of the new pool, e.g. custom:pending_groups"));
            return;
        }

        if (draft.Rules.FirstOrDefault(r => r.Complete && r.Target == marker) is { } rule)
        {
            problems.Add(new(
                MarkerPath,
                $"{NameText.Quote(marker)} is also written by {rule.Path}",
                "the marker carries the groups: pick a custom attribute that no attribute rule produces"));
        }
    }

    private static void CheckNames(GroupRuleDraft rule, List<MapProblem> problems)
    {
        if (rule.From is { } from && !GroupNames.IsValid(from))
        {
            problems.Add(new(rule.FromPath, $"{NameText.Quote(from)} is not a group name", GroupHint));
        }

        if (rule.To is { } to && !GroupNames.IsValid(to))
        {
            problems.Add(new(JsonPath.Property(rule.Path, "to"), $"{NameText.Quote(to)} is not a group name", GroupHint));
        }
        else if (rule.Op == GroupOp.Rename && rule.To == rule.From)
        {
            problems.Add(new(rule.TargetPath, $"renames {NameText.Quote(rule.To!)} onto itself", "use copy to keep a group"));
        }
    }

    private static void CheckRepeats(List<GroupRuleDraft> rules, List<MapProblem> problems)
    {
        var first = new Dictionary<(GroupOp, string?, string?), GroupRuleDraft>();
        foreach (var rule in rules)
        {
            if (!first.TryAdd((rule.Op, rule.From, rule.To), rule))
            {
                problems.Add(new(rule.Path, $"repeats {first[(rule.Op, rule.From, rule.To)].Path}", "delete one of the two rules"));
            }
        }
    }

    private static void CheckDropsAgainstUses(List<GroupRuleDraft> rules, List<MapProblem> problems)
    {
        foreach (var drop in rules.Where(r => r.Op == GroupOp.Drop))
        {
            var user = rules.FirstOrDefault(r =>
                r.Op is GroupOp.Copy or GroupOp.Rename or GroupOp.Add && (r.From == drop.From || r.Target == drop.From));
            if (user is not null)
            {
                problems.Add(new(
                    drop.FromPath,
                    $"{NameText.Quote(drop.From!)} is dropped but {user.Path} copies, renames or adds it",
                    "drop only stops unmapped: copy; delete the drop or the other rule"));
            }
        }
    }
}
