using AttrMapper.Cognito;
using AttrMapper.Mapping;
using AttrMapper.Migration;

namespace AttrMapper.Cli.Commands;

/// <summary>
/// Why this pool's map takes a user or not (DESIGN.md §4 <c>select</c>), for <c>preview</c>. Whether it takes them is the
/// function's own <see cref="MigrationDecision.IsSelected"/>; this only says which value decided.
/// </summary>
/// <param name="Value">The user's value of <see cref="Attribute"/> (the first, as the decision reads it); null when they have none.</param>
internal sealed record SelectionVerdict(bool Selected, string Attribute, string Match, IReadOnlyList<string> Values, string? Value)
{
    /// <summary>Null when the map has no <c>select</c>: the pool takes every user.</summary>
    public static SelectionVerdict? For(OldUser user, AttributeMap map)
    {
        if (map.Select is not { } select)
        {
            return null;
        }

        string? value = null;
        foreach (var (name, v) in user.Attributes)
        {
            if (string.Equals(name, select.Attribute, StringComparison.Ordinal))
            {
                value = v;
                break;
            }
        }

        return new(MigrationDecision.IsSelected(user, map), select.Attribute, select.BySuffix ? "suffix" : "in", select.Values, value);
    }

    /// <summary>One line for people, e.g. <c>taken: custom:tenant "acme" is in [acme, acme-eu]</c>.</summary>
    public string Describe()
    {
        var list = "[" + string.Join(", ", Values) + "]";
        if (Value is null)
        {
            return $"NOT this pool's user: no such attribute {Attribute} (select takes {Attribute} {Match} {list}); every path is rejected (not_selected)";
        }

        var test = Match == "suffix" ? (Selected ? "ends with one of" : "ends with none of") : (Selected ? "is in" : "is not in");
        return Selected
            ? $"taken: {Attribute} \"{Value}\" {test} {list}"
            : $"NOT this pool's user: {Attribute} \"{Value}\" {test} {list}; every path is rejected (not_selected)";
    }
}
