using System.Globalization;
using AttrMapper.Mapping;

namespace AttrMapper.Cli.Maps;

/// <summary>
/// What pushing a map would change, rule by rule and setting by setting, on the effective values (defaults filled in). Pure.
/// </summary>
/// <remarks>
/// Rules are compared as a set: they read the old attributes, never each other's output, and no two may produce one target,
/// so their order does not change what a map does. A rule is identified by op and names (copy/drop: from; rename: from and
/// to; default: to), so a default whose value changed is one "changed" line.
/// </remarks>
internal static class MapDiff
{
    public static List<MapChange> Compare(MapDraft stored, MapDraft local)
    {
        var changes = new List<MapChange>();
        var before = Rules(stored);
        var after = Rules(local);
        foreach (var (key, text) in before)
        {
            if (!after.TryGetValue(key, out var now))
            {
                changes.Add(new(ChangeKind.Removed, text, text, null));
            }
            else if (now != text)
            {
                changes.Add(new(ChangeKind.Changed, key, text, now));
            }
        }

        foreach (var (key, text) in after)
        {
            if (!before.ContainsKey(key))
            {
                changes.Add(new(ChangeKind.Added, text, null, text));
            }
        }

        var oldSettings = Settings(stored);
        foreach (var (path, now) in Settings(local))
        {
            var was = oldSettings[path];
            if (was != now)
            {
                changes.Add(new(ChangeKind.Changed, path, was, now));
            }
        }

        return changes;
    }

    /// <summary>A rule as one line, e.g. <c>default custom:plan = "free"</c>.</summary>
    public static string Describe(RuleDraft rule) => rule.Op switch
    {
        RuleOp.Copy => $"copy {rule.From}",
        RuleOp.Rename => $"rename {rule.From} -> {rule.To}",
        RuleOp.Default => $"default {rule.To} = \"{rule.Value}\"",
        _ => $"drop {rule.From}",
    };

    private static Dictionary<string, string> Rules(MapDraft draft)
    {
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in draft.Rules)
        {
            var key = rule.Op switch
            {
                RuleOp.Copy => $"copy {rule.From}",
                RuleOp.Rename => $"rename {rule.From} -> {rule.To}",
                RuleOp.Default => $"default {rule.To}",
                _ => $"drop {rule.From}",
            };

            // A duplicate only exists in an invalid document; the first one stands for it.
            rules.TryAdd(key, Describe(rule));
        }

        return rules;
    }

    private static Dictionary<string, string> Settings(MapDraft draft)
    {
        var user = draft.User;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["$.version"] = (draft.Version ?? 1).ToString(CultureInfo.InvariantCulture),
            ["$.unmapped"] = draft.Unmapped == UnmappedPolicy.Copy ? "copy" : "drop",
            ["$.allowUnsafeVerification"] = draft.AllowUnsafeVerification ? "true" : "false",
            ["$.user.finalUserStatus"] = user.FinalUserStatus,
            ["$.user.messageAction"] = user.MessageAction,
            ["$.user.desiredDeliveryMediums"] = user.DesiredDeliveryMediums is { } m ? "[" + string.Join(", ", m) + "]" : "(unset)",
            ["$.user.forceAliasCreation"] = user.ForceAliasCreation is true ? "true" : "false",
        };
        foreach (var challenge in ChallengeNames.All)
        {
            var action = draft.Challenges.TryGetValue(challenge, out var a) ? a : ChallengeAction.Reject;
            settings["$.challenges." + challenge] = action switch
            {
                ChallengeAction.Reset => "reset",
                ChallengeAction.SmsMfa => "sms-mfa",
                _ => "reject",
            };
        }

        return settings;
    }
}
