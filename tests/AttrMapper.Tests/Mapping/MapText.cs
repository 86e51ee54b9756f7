using System.Text;
using System.Text.Json;
using AttrMapper.Mapping;

namespace AttrMapper.Tests.Mapping;

/// <summary>Compact notation for map tests: rules as "copy email; rename a b; default x v; drop y", attributes as "a=1; b=2".</summary>
internal static class MapText
{
    public const string DesignExample = """
        {
          "version": 1,
          "unmapped": "drop",
          "rules": [
            { "op": "copy",    "from": "email" },
            { "op": "copy",    "from": "email_verified" },
            { "op": "rename",  "from": "custom:tenant", "to": "custom:tenant_id" },
            { "op": "rename",  "from": "sub", "to": "custom:legacy_sub" },
            { "op": "default", "to": "custom:plan", "value": "free" },
            { "op": "drop",    "from": "custom:internal_flag" }
          ],
          "user": { "finalUserStatus": "CONFIRMED", "messageAction": "SUPPRESS",
                    "desiredDeliveryMediums": ["EMAIL"], "forceAliasCreation": false },
          "challenges": { "SMS_MFA": "reject", "SOFTWARE_TOKEN_MFA": "reject", "EMAIL_OTP": "reject",
                          "SELECT_MFA_TYPE": "reject", "MFA_SETUP": "reject", "NEW_PASSWORD_REQUIRED": "reject" }
        }
        """;

    /// <summary>A document from rule shorthand; <paramref name="extra"/> is raw JSON members appended to the top level.</summary>
    public static string Document(string rules, string unmapped = "drop", string extra = "")
    {
        var json = new StringBuilder();
        json.Append("{ \"version\": 1, \"unmapped\": ").Append(JsonSerializer.Serialize(unmapped, MapTextJson.Default.String));
        json.Append(", \"rules\": [");
        json.Append(string.Join(", ", SplitList(rules).Select(RuleJson)));
        json.Append(']');
        if (extra.Length > 0)
        {
            json.Append(", ").Append(extra);
        }

        return json.Append(" }").ToString();
    }

    public static string RuleJson(string shorthand)
    {
        var words = shorthand.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string Q(string s) => JsonSerializer.Serialize(s, MapTextJson.Default.String);
        return words[0] switch
        {
            "copy" or "drop" => $$"""{ "op": "{{words[0]}}", "from": {{Q(words[1])}} }""",
            "rename" => $$"""{ "op": "rename", "from": {{Q(words[1])}}, "to": {{Q(words[2])}} }""",
            "default" => $$"""{ "op": "default", "to": {{Q(words[1])}}, "value": {{Q(words.Length > 2 ? words[2] : "")}} }""",
            _ => throw new ArgumentException($"unknown shorthand {shorthand}"),
        };
    }

    /// <summary>A <c>"groups"</c> member from rule shorthand "copy a; rename a b; drop a; add b", for <see cref="Document"/>'s extra.</summary>
    public static string Groups(string rules, string unmapped = "drop", string marker = "custom:pending_groups")
    {
        string Q(string s) => JsonSerializer.Serialize(s, MapTextJson.Default.String);
        var json = SplitList(rules).Select(shorthand =>
        {
            var words = shorthand.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words[0] switch
            {
                "copy" or "drop" => $$"""{ "op": "{{words[0]}}", "from": {{Q(words[1])}} }""",
                "rename" => $$"""{ "op": "rename", "from": {{Q(words[1])}}, "to": {{Q(words[2])}} }""",
                "add" => $$"""{ "op": "add", "to": {{Q(words[1])}} }""",
                _ => throw new ArgumentException($"unknown shorthand {shorthand}"),
            };
        });
        return $$"""
            "groups": { "marker": {{Q(marker)}}, "unmapped": {{Q(unmapped)}}, "rules": [ {{string.Join(", ", json)}} ] }
            """;
    }

    /// <summary>"a; b; c" as a list of group names, in order (duplicates kept).</summary>
    public static List<string> GroupList(string text) => [.. SplitList(text)];

    public static AttributeMap Valid(string json)
    {
        var result = MapDocument.Parse(json);
        result.Problems.ShouldBeEmpty();
        result.Map.ShouldNotBeNull();
        return result.Map;
    }

    public static AttributeMap Valid(string rules, string unmapped, string extra = "") => Valid(Document(rules, unmapped, extra));

    /// <summary>"a=1; b=2" as a source snapshot, in order (duplicates kept).</summary>
    public static List<KeyValuePair<string, string>> Attributes(string text) =>
        [.. SplitList(text).Select(pair =>
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            return new KeyValuePair<string, string>(pair[..at], pair[(at + 1)..]);
        })];

    /// <summary>An output as "a=1; b=2", sorted by name, for table comparisons.</summary>
    public static string Render(IReadOnlyDictionary<string, string>? attributes) =>
        attributes is null
            ? "<null>"
            : string.Join("; ", attributes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    public static string Problems(MapParseResult result) => string.Join(Environment.NewLine, result.Problems);

    private static IEnumerable<string> SplitList(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
