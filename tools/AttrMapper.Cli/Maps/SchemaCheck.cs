using System.Globalization;
using AttrMapper.Cli.Aws;
using AttrMapper.Mapping;

namespace AttrMapper.Cli.Maps;

/// <summary>
/// Checks a valid map against the new pool's schema (DescribeUserPool): what Cognito would refuse at migration time is an
/// error, what silently loses data is a warning. Pure.
/// </summary>
/// <remarks>
/// Cognito refuses the whole migration of a user whose answer names an attribute the pool does not have, or a value outside
/// the attribute's length; the user then cannot sign in at all. An immutable target is an error as well (issue 7 asks for
/// mutable targets): even where Cognito accepts it at creation, a value the map got wrong could never be corrected, and
/// a later map edit could never reach users already migrated.
/// </remarks>
internal static class SchemaCheck
{
    public static List<Finding> Check(MapDraft draft, UserPoolDescription newPool, UserPoolDescription? oldPool)
    {
        var findings = new List<Finding>();
        var schema = newPool.Attributes.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var filled = new HashSet<string>(StringComparer.Ordinal);
        var named = new HashSet<string>(StringComparer.Ordinal);
        if (draft.Groups?.Marker is { } marker)
        {
            // The migration fills the groups marker itself (GroupsCheck checks it).
            filled.Add(marker);
        }

        foreach (var rule in draft.Rules)
        {
            if (rule.From is { } from)
            {
                named.Add(from);
            }

            if (rule.Op == RuleOp.Drop)
            {
                findings.Add(new(Severity.Warning, rule.FromPath, $"{rule.From} is dropped: migrated users will not have it", "remove the rule to carry it over"));
                continue;
            }

            if (rule.Target is not { } target)
            {
                continue;
            }

            filled.Add(target);
            if (!schema.TryGetValue(target, out var attribute))
            {
                findings.Add(new(Severity.Error, rule.TargetPath, $"{target} does not exist in pool {newPool.Id}",
                    target.StartsWith("custom:", StringComparison.Ordinal)
                        ? "add the custom attribute to the new pool (custom attributes can be added, never removed) or change the rule"
                        : "the new pool's schema does not list it; check the pool id"));
                continue;
            }

            if (!attribute.Mutable)
            {
                findings.Add(new(Severity.Error, rule.TargetPath, $"{target} is immutable in pool {newPool.Id}",
                    "a value written at migration could never be corrected; make the rule target a mutable attribute"));
            }

            if (rule.Op == RuleOp.Default && rule.Value is { } value)
            {
                CheckDefault(rule, attribute, value, findings);
            }
            else if (attribute.MaxLength is { } max && max < AttributeNames.MaxValueLength)
            {
                findings.Add(new(Severity.Warning, rule.TargetPath, $"{target} takes at most {max} characters in pool {newPool.Id}",
                    "an old value longer than that makes Cognito refuse that user's migration; shorten the values or the rule"));
            }
        }

        foreach (var attribute in newPool.Attributes)
        {
            if (attribute.Required && !filled.Contains(attribute.Name) && !AttributeNames.IsNeverEmitted(attribute.Name))
            {
                findings.Add(new(Severity.Warning, JsonPath.Root + ".rules", $"{attribute.Name} is required by pool {newPool.Id} but only a rule's source can fill it",
                    $"users without it cannot migrate; add a default for {attribute.Name} if that is wrong"));
            }
            else if (attribute.Name.StartsWith("custom:", StringComparison.Ordinal) && !filled.Contains(attribute.Name) && draft.Unmapped == UnmappedPolicy.Drop)
            {
                findings.Add(new(Severity.Warning, JsonPath.Root + ".rules", $"{attribute.Name} exists in pool {newPool.Id} but no rule fills it",
                    "add a copy, rename or default rule if migrated users should have it"));
            }
        }

        if (oldPool is not null)
        {
            CheckSources(draft, oldPool, newPool, schema, named, findings);
        }

        return findings;
    }

    /// <summary>
    /// The map's <c>select</c> against the old pool's schema: an attribute the old pool does not have selects nobody, so
    /// every sign-in to this pool would be refused (<c>not_selected</c>). An error, at <c>$.select.attribute</c>.
    /// </summary>
    /// <remarks>DescribeUserPool lists standard attributes by name and custom ones as <c>custom:x</c>; a developer-only
    /// attribute is listed as <c>custom:x</c> too and read as <c>dev:custom:x</c>.</remarks>
    public static Finding? CheckSelect(UserSelection? select, UserPoolDescription oldPool)
    {
        if (select is null)
        {
            return null;
        }

        var name = select.Attribute;
        var listed = name.StartsWith("dev:", StringComparison.Ordinal) ? name["dev:".Length..] : name;
        if (oldPool.Attributes.Any(a => string.Equals(a.Name, listed, StringComparison.Ordinal)))
        {
            return null;
        }

        return new(Severity.Error, "$.select.attribute", $"select reads {name}, which pool {oldPool.Id} does not have: no user would be selected",
            name.StartsWith("custom:", StringComparison.Ordinal) || listed != name
                ? "check the spelling (custom attributes are named custom:x) and the old pool id"
                : "select a standard attribute the old pool lists, or a custom:x one");
    }

    private static void CheckDefault(RuleDraft rule, SchemaAttribute attribute, string value, List<Finding> findings)
    {
        var valuePath = JsonPath.Property(rule.Path, "value");
        if (attribute.MaxLength is { } max && value.Length > max)
        {
            findings.Add(new(Severity.Error, valuePath, $"the default for {attribute.Name} is {value.Length} characters; the pool takes at most {max}",
                "shorten the value"));
        }

        if (string.Equals(attribute.DataType, "Number", StringComparison.Ordinal)
            && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            findings.Add(new(Severity.Error, valuePath, $"{attribute.Name} is a Number attribute and the default is not a whole number",
                "write the number as a string, e.g. \"42\""));
        }
    }

    private static void CheckSources(
        MapDraft draft, UserPoolDescription oldPool, UserPoolDescription newPool, Dictionary<string, SchemaAttribute> schema,
        HashSet<string> named, List<Finding> findings)
    {
        foreach (var attribute in oldPool.Attributes)
        {
            var name = attribute.Name;
            if (named.Contains(name) || AttributeNames.IsNeverEmitted(name))
            {
                continue;
            }

            if (draft.Unmapped == UnmappedPolicy.Drop)
            {
                findings.Add(new(Severity.Warning, JsonPath.Root + ".unmapped", $"{name} of pool {oldPool.Id} is dropped: no rule names it",
                    $"add {{ \"op\": \"copy\", \"from\": \"{name}\" }} to carry it over, or a drop rule to say it is meant"));
            }
            else if (AttributeNames.IsValidTarget(name) && !schema.ContainsKey(name))
            {
                findings.Add(new(Severity.Error, JsonPath.Root + ".unmapped", $"unmapped: copy carries {name} of pool {oldPool.Id}, which pool {newPool.Id} does not have",
                    $"add {{ \"op\": \"drop\", \"from\": \"{name}\" }} or add the attribute to the new pool"));
            }
        }
    }
}
