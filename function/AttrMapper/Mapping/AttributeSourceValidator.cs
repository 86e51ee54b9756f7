namespace AttrMapper.Mapping;

/// <summary>The checks <c>attributeSource: IdToken</c> adds: only what an ID token reproduces exactly may be read.</summary>
/// <remarks>
/// Section 4 names <c>address</c> (an object in the token, a JSON string from AdminGetUser) and <c>identities</c>.
/// Decision: <c>dev:*</c> (developer-only) attributes are refused too, since no app client can read them, so a token
/// never holds them while AdminGetUser does. A <c>drop</c> of any of these is allowed: under <c>unmapped: drop</c>,
/// which IdToken requires, a drop reads nothing. A name that is no valid source at all is reported once, by the other checks.
/// </remarks>
internal static class AttributeSourceValidator
{
    private const string Hint = "the ID token does not carry it as AdminGetUser gives it; leave it out or use \"attributeSource\": \"AdminGetUser\"";

    public static void Check(MapDraft draft, List<MapProblem> problems)
    {
        if (draft.AttributeSource != AttributeSource.IdToken)
        {
            return;
        }

        if (draft.Unmapped == UnmappedPolicy.Copy)
        {
            problems.Add(new(
                "$.unmapped",
                "must be \"drop\" with \"attributeSource\": \"IdToken\"",
                "a token holds only what the old app client may read: name every attribute to carry in a rule"));
        }

        foreach (var rule in draft.Rules.Where(r => r.Complete && r.Op is RuleOp.Copy or RuleOp.Rename))
        {
            if (AttributeNames.IsValidSource(rule.From!) && !IsInToken(rule.From!))
            {
                problems.Add(new(rule.FromPath, $"{NameText.Quote(rule.From!)} cannot be read from the ID token", Hint));
            }
        }

        if (draft.Select?.Attribute is { } attribute && AttributeNames.IsValidSource(attribute) && !IsInToken(attribute))
        {
            problems.Add(new("$.select.attribute", $"{NameText.Quote(attribute)} cannot be read from the ID token", Hint));
        }
    }

    /// <summary>Whether a token claim of this name equals the AdminGetUser attribute (for names a rule may read at all).</summary>
    public static bool IsInToken(string name) =>
        name is not ("address" or "identities") && !name.StartsWith("dev:", StringComparison.Ordinal);
}
