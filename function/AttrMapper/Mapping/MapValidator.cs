namespace AttrMapper.Mapping;

/// <summary>
/// The semantic checks of section 4 over a read document: names, targets, conflicts between rules, forged
/// verification flags, value sizes. Adds every problem it finds; it never stops at the first.
/// </summary>
/// <remarks>
/// Decisions where section 4 is silent:
/// <list type="bullet">
/// <item>drop of a never-emitted name (sub, cognito:*, ...) is harmless and allowed; drop of something that is no
/// attribute name at all is reported, since under <c>unmapped: copy</c> a mistyped drop leaks what it meant to stop.</item>
/// <item>"copy/rename and drop of the same name" covers the copied or renamed source and a rename's target;
/// drop X with default X is allowed (under <c>unmapped: copy</c> it replaces the old value by a constant).</item>
/// <item>A rename onto its own name is reported (use copy).</item>
/// <item>"while its flag is copied" covers a copy rule of the flag and <c>unmapped: copy</c> with the flag named by no rule.</item>
/// <item>Cross-rule checks only look at rules whose needed fields are all there, so one broken rule gives one problem.</item>
/// </list>
/// </remarks>
internal static class MapValidator
{
    private const string TargetHint = "e.g. given_name or custom:tenant_id; a custom name has 1-20 letters, digits, _ or -";
    private const string NameHint = "a standard attribute (email, given_name, ...) or custom: plus a name";
    private const string UnsafeHint = "\"allowUnsafeVerification\": true";
    private const int SectionOrder = int.MaxValue / 2;

    /// <summary>Adds the semantic problems of <paramref name="draft"/> to <paramref name="problems"/>, in rule order.</summary>
    public static void Validate(MapDraft draft, List<MapProblem> problems)
    {
        var found = new List<MapProblem>();
        Check(draft, found);
        if (found.Count == 0)
        {
            return;
        }

        // Per-rule and cross-rule checks run in separate sweeps; report them in document order instead.
        // The optional sections come after the rules, each in its own document order.
        var ruleOrder = draft.Rules.ToDictionary(r => r.Path, r => r.Index, StringComparer.Ordinal);
        ruleOrder["$.groups.marker"] = SectionOrder;
        foreach (var rule in draft.Groups?.Rules ?? [])
        {
            ruleOrder[rule.Path] = SectionOrder + 1 + rule.Index;
        }

        problems.AddRange(found
            .Select((problem, seq) => (problem, seq, rule: ruleOrder.GetValueOrDefault(RulePathOf(problem.Path), int.MaxValue)))
            .OrderBy(p => p.rule)
            .ThenBy(p => p.seq)
            .Select(p => p.problem));
    }

    private static string RulePathOf(string path)
    {
        var end = path.IndexOf(']', StringComparison.Ordinal);
        return end < 0 ? path : path[..(end + 1)];
    }

    private static void Check(MapDraft draft, List<MapProblem> problems)
    {
        foreach (var rule in draft.Rules)
        {
            CheckRule(rule, draft.AllowUnsafeVerification, problems);
        }

        var complete = draft.Rules.Where(r => r.Complete).ToList();
        CheckOneProducerPerTarget(complete, problems);
        CheckOneDefaultPerTarget(complete, problems);
        CheckDropsAgainstUses(complete, problems);
        if (!draft.AllowUnsafeVerification)
        {
            CheckRenamesIntoVerifiedAttributes(complete, draft.Unmapped, problems);
        }

        AttributeSourceValidator.Check(draft, problems);
        if (draft.Select is { } select)
        {
            SelectValidator.Check(select, problems);
        }

        if (draft.Groups is { } groups)
        {
            GroupsValidator.Check(draft, groups, problems);
        }
    }

    private static void CheckRule(RuleDraft rule, bool allowUnsafe, List<MapProblem> problems)
    {
        switch (rule.Op)
        {
            case RuleOp.Copy when rule.From is { } name:
                CheckTarget(name, rule.TargetPath, isCopy: true, problems);
                break;
            case RuleOp.Rename:
                if (rule.From is { } source)
                {
                    CheckSource(source, rule.FromPath, problems);
                }

                if (rule.To is { } target)
                {
                    CheckTarget(target, rule.TargetPath, isCopy: false, problems);
                    if (target == rule.From)
                    {
                        problems.Add(new(rule.TargetPath, $"renames {NameText.Quote(target)} onto itself", "use copy to keep a name"));
                    }
                    else if (AttributeNames.IsVerificationFlag(target) && !allowUnsafe)
                    {
                        problems.Add(new(
                            rule.TargetPath,
                            $"a rename into {NameText.Quote(target)} can forge a verification flag",
                            $"copy {target} along with {AttributeNames.VerifiedAttributeOf(target)}, or set {UnsafeHint}"));
                    }
                }

                break;
            case RuleOp.Default:
                if (rule.To is { } defaulted)
                {
                    CheckTarget(defaulted, rule.TargetPath, isCopy: false, problems);
                    if (AttributeNames.IsVerificationFlag(defaulted) && !allowUnsafe)
                    {
                        problems.Add(new(
                            rule.TargetPath,
                            $"a default for {NameText.Quote(defaulted)} forges a verification flag",
                            $"copy {defaulted} along with {AttributeNames.VerifiedAttributeOf(defaulted)}, or set {UnsafeHint}"));
                    }
                }

                if (rule.Value is { Length: > AttributeNames.MaxValueLength })
                {
                    // Never quote the value: it is too long to show, and it may be sensitive.
                    problems.Add(new(
                        JsonPath.Property(rule.Path, "value"),
                        $"the value is longer than {AttributeNames.MaxValueLength} characters",
                        $"Cognito keeps at most {AttributeNames.MaxValueLength} characters per attribute"));
                }

                break;
            case RuleOp.Drop when rule.From is { } dropped:
                if (!AttributeNames.IsValidSource(dropped) && !AttributeNames.IsNeverEmitted(dropped))
                {
                    problems.Add(new(rule.FromPath, $"{NameText.Quote(dropped)} is not an attribute name", NameHint));
                }

                break;
        }
    }

    private static void CheckTarget(string name, string path, bool isCopy, List<MapProblem> problems)
    {
        if (AttributeNames.IsNeverEmitted(name))
        {
            var hint = isCopy && name == AttributeNames.Sub
                ? "copy keeps the name; keep the old id with a rename, e.g. to custom:legacy_sub"
                : "sub, identities, username, cognito:* and dev:* are never emitted";
            problems.Add(new(path, $"{NameText.Quote(name)} is never a valid target", hint));
        }
        else if (!AttributeNames.IsValidTarget(name))
        {
            problems.Add(new(path, $"{NameText.Quote(name)} is neither a standard attribute nor custom: plus 1-20 of [A-Za-z0-9_-]", TargetHint));
        }
    }

    private static void CheckSource(string name, string path, List<MapProblem> problems)
    {
        if (AttributeNames.IsValidSource(name))
        {
            return;
        }

        problems.Add(AttributeNames.IsNeverEmitted(name)
            ? new(path, $"{NameText.Quote(name)} is never a valid source", "only sub among the never-emitted names may be renamed")
            : new(path, $"{NameText.Quote(name)} is not an attribute name", NameHint + ", or sub"));
    }

    private static void CheckOneProducerPerTarget(List<RuleDraft> rules, List<MapProblem> problems)
    {
        var first = new Dictionary<string, RuleDraft>(StringComparer.Ordinal);
        foreach (var rule in rules.Where(r => r.Op is RuleOp.Copy or RuleOp.Rename))
        {
            var target = rule.Target!;
            if (!first.TryAdd(target, rule))
            {
                problems.Add(new(
                    rule.TargetPath,
                    $"{NameText.Quote(target)} is already produced by {first[target].Path}",
                    "one copy or rename per target; a fallback value is a default"));
            }
        }
    }

    private static void CheckOneDefaultPerTarget(List<RuleDraft> rules, List<MapProblem> problems)
    {
        var first = new Dictionary<string, RuleDraft>(StringComparer.Ordinal);
        foreach (var rule in rules.Where(r => r.Op == RuleOp.Default))
        {
            var target = rule.Target!;
            if (!first.TryAdd(target, rule))
            {
                problems.Add(new(
                    rule.TargetPath,
                    $"a second default for {NameText.Quote(target)} (the first is {first[target].Path})",
                    "keep one default per target"));
            }
        }
    }

    private static void CheckDropsAgainstUses(List<RuleDraft> rules, List<MapProblem> problems)
    {
        foreach (var drop in rules.Where(r => r.Op == RuleOp.Drop))
        {
            var user = rules.FirstOrDefault(r =>
                r.Op is RuleOp.Copy or RuleOp.Rename && (r.From == drop.From || r.Target == drop.From));
            if (user is not null)
            {
                problems.Add(new(
                    drop.FromPath,
                    $"{NameText.Quote(drop.From!)} is dropped but {user.Path} copies or renames it",
                    "drop only stops unmapped: copy; delete the drop or the other rule"));
            }
        }
    }

    private static void CheckRenamesIntoVerifiedAttributes(List<RuleDraft> rules, UnmappedPolicy unmapped, List<MapProblem> problems)
    {
        foreach (var rename in rules.Where(r => r.Op == RuleOp.Rename && r.To is AttributeNames.Email or AttributeNames.PhoneNumber))
        {
            var flag = rename.To == AttributeNames.Email ? AttributeNames.EmailVerified : AttributeNames.PhoneNumberVerified;
            var copiedByRule = rules.Any(r => r.Op == RuleOp.Copy && r.From == flag);
            var copiedAsUnmapped = unmapped == UnmappedPolicy.Copy
                && !rules.Any(r => r.From == flag || (r.Op is RuleOp.Copy or RuleOp.Rename && r.Target == flag));
            if (copiedByRule || copiedAsUnmapped)
            {
                problems.Add(new(
                    rename.TargetPath,
                    $"a rename into {NameText.Quote(rename.To!)} while {flag} is {(copiedByRule ? "copied" : "copied as unmapped")} vouches for another address",
                    $"drop {flag}, or set {UnsafeHint}"));
            }
        }
    }
}
