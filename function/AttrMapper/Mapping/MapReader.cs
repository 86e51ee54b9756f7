using System.Text.Json;

namespace AttrMapper.Mapping;

/// <summary>
/// The structural pass over a map document, straight on <see cref="Utf8JsonReader"/> (no reflection, AOT-safe):
/// shapes, JSON types, known fields and values, duplicate keys. It keeps going after a problem so that one read
/// reports everything; only text that is not JSON at all stops it.
/// </summary>
/// <remarks>
/// Decisions where section 4 is silent: JSON <c>null</c> is a wrong type everywhere (a field is either given or
/// left out); an unknown challenge name is a problem, like an unknown field; an empty
/// <c>desiredDeliveryMediums</c> is a problem (leave the field out for the default); a repeated medium is a
/// problem; an empty <c>rules</c> array is allowed (with <c>unmapped: copy</c> it means "copy everything allowed").
/// In <c>groups</c>, <c>rules</c> may be left out (no rules: with <c>unmapped: copy</c>, every old group moves as it is).
/// </remarks>
public sealed class MapReader
{
    private const string TopFields = "version, unmapped, rules, user, challenges, allowUnsafeVerification, attributeSource, select, groups";
    private const string UserFields = "finalUserStatus, messageAction, desiredDeliveryMediums, forceAliasCreation";
    private const string GroupsFields = "marker, unmapped, rules";
    private const string Ops = "op is one of copy, rename, default, drop";
    private const string SelectFields = "attribute, and one of in or suffix";
    private const string SelectHint = "e.g. { \"attribute\": \"custom:tenant\", \"in\": [\"acme\"] } or { \"attribute\": \"email\", \"suffix\": [\"@acme.com\"] }";
    private const string GroupOps = "op is one of copy, rename, drop, add";
    private const string MarkerHint = "name a custom: attribute of the new pool, e.g. \"marker\": \"custom:pending_groups\"";

    private static readonly OpShape<RuleOp>[] AttributeOps =
    [
        new("copy", RuleOp.Copy, "op and from"),
        new("rename", RuleOp.Rename, "op, from and to"),
        new("default", RuleOp.Default, "op, to and value"),
        new("drop", RuleOp.Drop, "op and from"),
    ];

    private static readonly OpShape<GroupOp>[] GroupRuleOps =
    [
        new("copy", GroupOp.Copy, "op and from"),
        new("rename", GroupOp.Rename, "op, from and to"),
        new("drop", GroupOp.Drop, "op and from"),
        new("add", GroupOp.Add, "op and to"),
    ];

    private static ReadOnlySpan<byte> JsonWhitespace => " \t\r\n"u8;

    private readonly List<MapProblem> _problems;

    private MapReader(List<MapProblem> problems) => _problems = problems;

    /// <summary>Reads the document into a draft; null (with a problem added) when it is not a JSON object at all.</summary>
    public static MapDraft? Read(ReadOnlySpan<byte> utf8Json, List<MapProblem> problems)
    {
        if (utf8Json.Trim(JsonWhitespace).IsEmpty)
        {
            problems.Add(new(JsonPath.Root, "the document is empty", "write a JSON object with version and rules"));
            return null;
        }

        var mapReader = new MapReader(problems);
        var json = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            json.Read();
            if (json.TokenType != JsonTokenType.StartObject)
            {
                problems.Add(new(JsonPath.Root, "must be a JSON object", "write { \"version\": 1, \"rules\": [ ... ] }"));
                return null;
            }

            var draft = new MapDraft();
            mapReader.ReadRoot(ref json, draft);

            // Throws on anything but whitespace after the object.
            json.Read();
            return draft;
        }
        catch (JsonException e)
        {
            // The reader's own message quotes document text, which may be part of a value: say only where.
            problems.Add(new(
                JsonPath.Root,
                $"not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})",
                "check quotes, commas and brackets (at most 64 levels deep); comments and trailing commas are not allowed"));
            return null;
        }
        catch (InvalidOperationException)
        {
            problems.Add(new(
                JsonPath.Root,
                "contains text that is not valid UTF-8 or a broken \\u escape",
                "save the document as UTF-8"));
            return null;
        }
    }

    private void ReadRoot(ref Utf8JsonReader json, MapDraft draft)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (NextProperty(ref json, JsonPath.Root, seen, out var name, out var path))
        {
            switch (name)
            {
                case "version":
                    ReadVersion(ref json, path, draft);
                    break;
                case "unmapped":
                    draft.Unmapped = ReadUnmapped(ref json, path, "\"drop\" emits only what the rules produce") ?? draft.Unmapped;
                    break;
                case "allowUnsafeVerification":
                    if (ReadBoolean(ref json, path) is { } allow)
                    {
                        draft.AllowUnsafeVerification = allow;
                    }

                    break;
                case "rules":
                    if (json.TokenType == JsonTokenType.StartArray)
                    {
                        ReadRules(ref json, path, draft);
                    }
                    else
                    {
                        Invalid(ref json, path, "must be an array of rules", "\"rules\": [ { \"op\": \"copy\", \"from\": \"email\" } ]");
                    }

                    break;
                case "user":
                    if (json.TokenType == JsonTokenType.StartObject)
                    {
                        draft.User = ReadUser(ref json, path);
                    }
                    else
                    {
                        Invalid(ref json, path, "must be an object", $"it may hold {UserFields}");
                    }

                    break;
                case "challenges":
                    if (json.TokenType == JsonTokenType.StartObject)
                    {
                        ReadChallenges(ref json, path, draft);
                    }
                    else
                    {
                        Invalid(ref json, path, "must be an object", "e.g. { \"SMS_MFA\": \"reject\" }");
                    }

                    break;
                case "attributeSource":
                    draft.AttributeSource = ReadChoice(ref json, path, "AdminGetUser", "IdToken") switch
                    {
                        "IdToken" => AttributeSource.IdToken,
                        _ => AttributeSource.AdminGetUser,
                    };
                    break;
                case "select":
                    if (json.TokenType == JsonTokenType.StartObject)
                    {
                        draft.Select = ReadSelect(ref json, path);
                    }
                    else
                    {
                        Invalid(ref json, path, "must be an object", SelectHint);
                    }

                    break;
                case "groups":
                    if (json.TokenType == JsonTokenType.StartObject)
                    {
                        draft.Groups = ReadGroups(ref json, path);
                    }
                    else
                    {
                        Invalid(ref json, path, "must be an object", $"it holds {GroupsFields}; {MarkerHint}");
                    }

                    break;
                default:
                    Unknown(ref json, path, name, $"the top level has {TopFields}");
                    break;
            }
        }

        if (!seen.Contains("version"))
        {
            Problem("$.version", "missing", "add \"version\": 1");
        }

        if (!seen.Contains("rules"))
        {
            Problem("$.rules", "missing", "add \"rules\": [ ... ]");
        }
    }

    private void ReadVersion(ref Utf8JsonReader json, string path, MapDraft draft)
    {
        if (json.TokenType != JsonTokenType.Number)
        {
            Invalid(ref json, path, "must be a number", "set \"version\": 1");
        }
        else if (json.TryGetInt32(out var version) && version == 1)
        {
            draft.Version = version;
        }
        else
        {
            Problem(path, "unsupported version: this function reads version 1", "set \"version\": 1");
        }
    }

    private void ReadRules(ref Utf8JsonReader json, string path, MapDraft draft) =>
        ReadRuleArray(ref json, path, draft.Rules, ReadRule, "a rule looks like { \"op\": \"copy\", \"from\": \"email\" }");

    private RuleDraft? ReadRule(ref Utf8JsonReader json, int index, string path)
    {
        var fields = ReadRuleFields(ref json, path, takesValue: true, "a rule has op, from, to, value");
        if (ReadOp(fields.Op, path, AttributeOps, Ops) is not { } shape)
        {
            return null;
        }

        var needsFrom = shape.Kind != RuleOp.Default;
        var needsTo = shape.Kind is RuleOp.Rename or RuleOp.Default;
        var needsValue = shape.Kind == RuleOp.Default;
        var complete = CheckRuleField(fields.From, needsFrom, path, "from", shape.Name, shape.Usage);
        complete &= CheckRuleField(fields.To, needsTo, path, "to", shape.Name, shape.Usage);
        complete &= CheckRuleField(fields.Value, needsValue, path, "value", shape.Name, shape.Usage);
        return new RuleDraft(
            index,
            shape.Kind,
            needsFrom ? fields.From.Text : null,
            needsTo ? fields.To.Text : null,
            needsValue ? fields.Value.Text : null,
            complete);
    }

    /// <summary>
    /// The one walk over a <c>rules</c> array (the attribute map's and the groups section's): every element an object read
    /// by <paramref name="readRule"/>, anything else a problem at its index; reading goes on after a bad element.
    /// </summary>
    private void ReadRuleArray<TRule>(ref Utf8JsonReader json, string path, List<TRule> rules, RuleObjectReader<TRule> readRule, string example)
        where TRule : class
    {
        var index = 0;
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            var rulePath = JsonPath.Index(path, index);
            if (json.TokenType == JsonTokenType.StartObject)
            {
                if (readRule(ref json, index, rulePath) is { } rule)
                {
                    rules.Add(rule);
                }
            }
            else
            {
                Invalid(ref json, rulePath, "must be an object", example);
            }

            index++;
        }
    }

    /// <summary>A rule object's fields, each a string or a problem; <c>value</c> only where the rule kind has one.</summary>
    private RuleFields ReadRuleFields(ref Utf8JsonReader json, string path, bool takesValue, string fieldsHint)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        RuleField op = default, from = default, to = default, value = default;
        while (NextProperty(ref json, path, seen, out var name, out var fieldPath))
        {
            switch (name)
            {
                case "op":
                    op = ReadRuleString(ref json, fieldPath);
                    break;
                case "from":
                    from = ReadRuleString(ref json, fieldPath);
                    break;
                case "to":
                    to = ReadRuleString(ref json, fieldPath);
                    break;
                case "value" when takesValue:
                    value = ReadRuleString(ref json, fieldPath);
                    break;
                default:
                    Unknown(ref json, fieldPath, name, fieldsHint);
                    break;
            }
        }

        return new RuleFields(op, from, to, value);
    }

    /// <summary>The op's shape from <paramref name="shapes"/>; null (a problem at <c>op</c> when it is missing or unknown) when the rule cannot be read further.</summary>
    private OpShape<TOp>? ReadOp<TOp>(RuleField op, string rulePath, OpShape<TOp>[] shapes, string opsHint)
        where TOp : struct, Enum
    {
        var opPath = JsonPath.Property(rulePath, "op");
        if (!op.Present)
        {
            Problem(opPath, "missing", opsHint);
            return null;
        }

        if (op.Text is null)
        {
            return null;
        }

        foreach (var shape in shapes)
        {
            if (string.Equals(shape.Name, op.Text, StringComparison.Ordinal))
            {
                return shape;
            }
        }

        Problem(opPath, $"unknown op {NameText.Quote(op.Text)}", opsHint);
        return null;
    }

    /// <summary>Reports a missing needed field or a present unneeded one; false when a needed field is unusable.</summary>
    private bool CheckRuleField(RuleField field, bool needed, string rulePath, string name, string op, string usage)
    {
        var path = JsonPath.Property(rulePath, name);
        if (needed && !field.Present)
        {
            Problem(path, $"missing: \"{op}\" needs {usage}", $"add \"{name}\"");
            return false;
        }

        if (!needed && field.Present)
        {
            Problem(path, $"\"{op}\" takes no \"{name}\"", $"\"{op}\" takes {usage}");
        }

        return !needed || field.Text is not null;
    }

    private RuleField ReadRuleString(ref Utf8JsonReader json, string path) =>
        new(true, ReadString(ref json, path, "write the name or value in double quotes"));

    /// <summary>The string at <paramref name="path"/>; null, reported with <paramref name="hint"/>, when it is anything else.</summary>
    private string? ReadString(ref Utf8JsonReader json, string path, string hint)
    {
        if (json.TokenType == JsonTokenType.String)
        {
            return json.GetString();
        }

        Invalid(ref json, path, "must be a string", hint);
        return null;
    }

    private UnmappedPolicy? ReadUnmapped(ref Utf8JsonReader json, string path, string hint)
    {
        if (json.TokenType == JsonTokenType.String && json.ValueTextEquals("drop"u8))
        {
            return UnmappedPolicy.Drop;
        }

        if (json.TokenType == JsonTokenType.String && json.ValueTextEquals("copy"u8))
        {
            return UnmappedPolicy.Copy;
        }

        Invalid(ref json, path, "must be \"copy\" or \"drop\"", hint);
        return null;
    }

    private SelectDraft ReadSelect(ref Utf8JsonReader json, string path)
    {
        var select = new SelectDraft();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (NextProperty(ref json, path, seen, out var name, out var fieldPath))
        {
            switch (name)
            {
                case "attribute":
                    select.Attribute = ReadString(ref json, fieldPath, "name the old attribute that decides, e.g. \"custom:tenant\"");
                    break;
                case "in" or "suffix":
                    if (name == "in")
                    {
                        select.HasIn = true;
                    }
                    else
                    {
                        select.HasSuffix = true;
                    }

                    // With both given the validator reports that; keep the first list for its own checks.
                    if (ReadStrings(ref json, fieldPath) is { } values && select.Values is null)
                    {
                        select.Values = values;
                        select.ValuesField = name;
                    }

                    break;
                default:
                    Unknown(ref json, fieldPath, name, $"select has {SelectFields}");
                    break;
            }
        }

        if (!seen.Contains("attribute"))
        {
            Problem(JsonPath.Property(path, "attribute"), "missing", "name the old attribute that decides, e.g. \"custom:tenant\"");
        }

        return select;
    }

    /// <summary>An array of strings; null (with every bad item reported) when it is not one.</summary>
    private List<string>? ReadStrings(ref Utf8JsonReader json, string path)
    {
        if (json.TokenType != JsonTokenType.StartArray)
        {
            Invalid(ref json, path, "must be an array of strings", "e.g. [\"acme\", \"acme-eu\"]");
            return null;
        }

        var values = new List<string>();
        var valid = true;
        var index = 0;
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            if (ReadString(ref json, JsonPath.Index(path, index++), "write each value in double quotes") is { } value)
            {
                values.Add(value);
            }
            else
            {
                valid = false;
            }
        }

        return valid ? values : null;
    }

    private GroupsDraft ReadGroups(ref Utf8JsonReader json, string path)
    {
        var groups = new GroupsDraft();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (NextProperty(ref json, path, seen, out var name, out var fieldPath))
        {
            switch (name)
            {
                case "marker":
                    groups.Marker = ReadString(ref json, fieldPath, MarkerHint);
                    break;
                case "unmapped":
                    groups.Unmapped = ReadUnmapped(ref json, fieldPath, "\"drop\" gives only the groups the rules produce") ?? groups.Unmapped;
                    break;
                case "rules":
                    if (json.TokenType == JsonTokenType.StartArray)
                    {
                        ReadGroupRules(ref json, fieldPath, groups);
                    }
                    else
                    {
                        Invalid(ref json, fieldPath, "must be an array of rules", "\"rules\": [ { \"op\": \"copy\", \"from\": \"admins\" } ]");
                    }

                    break;
                default:
                    Unknown(ref json, fieldPath, name, $"groups has {GroupsFields}");
                    break;
            }
        }

        if (!seen.Contains("marker"))
        {
            Problem(JsonPath.Property(path, "marker"), "missing", MarkerHint);
        }

        return groups;
    }

    private void ReadGroupRules(ref Utf8JsonReader json, string path, GroupsDraft groups) =>
        ReadRuleArray(ref json, path, groups.Rules, ReadGroupRule, "a rule looks like { \"op\": \"copy\", \"from\": \"admins\" }");

    private GroupRuleDraft? ReadGroupRule(ref Utf8JsonReader json, int index, string path)
    {
        var fields = ReadRuleFields(ref json, path, takesValue: false, "a groups rule has op, from, to");
        if (ReadOp(fields.Op, path, GroupRuleOps, GroupOps) is not { } shape)
        {
            return null;
        }

        var needsFrom = shape.Kind != GroupOp.Add;
        var needsTo = shape.Kind is GroupOp.Rename or GroupOp.Add;
        var complete = CheckRuleField(fields.From, needsFrom, path, "from", shape.Name, shape.Usage);
        complete &= CheckRuleField(fields.To, needsTo, path, "to", shape.Name, shape.Usage);
        return new GroupRuleDraft(index, shape.Kind, needsFrom ? fields.From.Text : null, needsTo ? fields.To.Text : null, complete);
    }

    private UserSettings ReadUser(ref Utf8JsonReader json, string path)
    {
        var user = UserSettings.Default;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (NextProperty(ref json, path, seen, out var name, out var fieldPath))
        {
            switch (name)
            {
                case "finalUserStatus":
                    if (ReadChoice(ref json, fieldPath, UserSettings.Confirmed, UserSettings.ResetRequired) is { } status)
                    {
                        user = user with { FinalUserStatus = status };
                    }

                    break;
                case "messageAction":
                    if (ReadChoice(ref json, fieldPath, UserSettings.Suppress, UserSettings.Resend) is { } action)
                    {
                        user = user with { MessageAction = action };
                    }

                    break;
                case "desiredDeliveryMediums":
                    if (ReadMediums(ref json, fieldPath) is { } mediums)
                    {
                        user = user with { DesiredDeliveryMediums = mediums };
                    }

                    break;
                case "forceAliasCreation":
                    if (ReadBoolean(ref json, fieldPath) is { } force)
                    {
                        user = user with { ForceAliasCreation = force };
                    }

                    break;
                default:
                    Unknown(ref json, fieldPath, name, $"user has {UserFields}");
                    break;
            }
        }

        return user;
    }

    private IReadOnlyList<string>? ReadMediums(ref Utf8JsonReader json, string path)
    {
        const string Hint = "a non-empty subset of [\"EMAIL\", \"SMS\"]";
        if (json.TokenType != JsonTokenType.StartArray)
        {
            Invalid(ref json, path, "must be an array", Hint);
            return null;
        }

        var mediums = new List<string>(2);
        var valid = true;
        var index = 0;
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            var itemPath = JsonPath.Index(path, index++);
            var medium = ReadChoice(ref json, itemPath, "EMAIL", "SMS");
            if (medium is null)
            {
                valid = false;
            }
            else if (mediums.Contains(medium))
            {
                Problem(itemPath, $"\"{medium}\" is listed twice", Hint);
                valid = false;
            }
            else
            {
                mediums.Add(medium);
            }
        }

        if (index == 0)
        {
            Problem(path, "must not be empty", $"{Hint}; leave the field out for [\"EMAIL\"]");
            return null;
        }

        return valid ? mediums.AsReadOnly() : null;
    }

    private void ReadChallenges(ref Utf8JsonReader json, string path, MapDraft draft)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (NextProperty(ref json, path, seen, out var name, out var fieldPath))
        {
            if (!ChallengeNames.IsKnown(name))
            {
                Invalid(ref json, fieldPath, $"unknown challenge {NameText.Quote(name)}", $"challenges are {string.Join(", ", ChallengeNames.All)}; a challenge not listed is always rejected");
                continue;
            }

            var isSms = name == ChallengeNames.SmsMfa;
            var allowed = isSms ? "\"reject\", \"reset\" or \"sms-mfa\"" : "\"reject\" or \"reset\"";
            if (json.TokenType != JsonTokenType.String)
            {
                Invalid(ref json, fieldPath, $"must be {allowed}", "\"reject\" answers the sign-in with the generic failure");
            }
            else if (json.ValueTextEquals("reject"u8))
            {
                draft.Challenges[name] = ChallengeAction.Reject;
            }
            else if (json.ValueTextEquals("reset"u8))
            {
                draft.Challenges[name] = ChallengeAction.Reset;
            }
            else if (json.ValueTextEquals("sms-mfa"u8) && isSms)
            {
                draft.Challenges[name] = ChallengeAction.SmsMfa;
            }
            else if (json.ValueTextEquals("sms-mfa"u8))
            {
                Problem(fieldPath, "\"sms-mfa\" applies to SMS_MFA only", $"use {allowed}");
            }
            else
            {
                Problem(fieldPath, $"must be {allowed}", "\"reject\" answers the sign-in with the generic failure");
            }
        }
    }

    /// <summary>Moves to the next property's value; false at the end of the object. Duplicate keys are reported and skipped.</summary>
    private bool NextProperty(ref Utf8JsonReader json, string parent, HashSet<string> seen, out string name, out string path)
    {
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            name = json.GetString()!;
            path = JsonPath.Property(parent, name);
            json.Read();
            if (seen.Add(name))
            {
                return true;
            }

            Problem(path, $"duplicate key {NameText.Quote(name)}", "a key appears once per object: delete one of them");
            json.Skip();
        }

        name = path = string.Empty;
        return false;
    }

    private string? ReadChoice(ref Utf8JsonReader json, string path, string first, string second)
    {
        if (json.TokenType == JsonTokenType.String)
        {
            var text = json.GetString();
            if (text == first || text == second)
            {
                return text;
            }
        }

        Invalid(ref json, path, $"must be \"{first}\" or \"{second}\"", $"the default is \"{first}\"");
        return null;
    }

    private bool? ReadBoolean(ref Utf8JsonReader json, string path)
    {
        switch (json.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            default:
                Invalid(ref json, path, "must be true or false", "write the bare literal, without quotes");
                return null;
        }
    }

    private void Unknown(ref Utf8JsonReader json, string path, string name, string hint)
    {
        Problem(path, $"unknown field {NameText.Quote(name)}", hint);
        json.Skip();
    }

    /// <summary>Reports a value of the wrong type or content, never quoting it, and steps over it.</summary>
    private void Invalid(ref Utf8JsonReader json, string path, string message, string hint)
    {
        Problem(path, message, hint);
        json.Skip();
    }

    private void Problem(string path, string message, string hint) => _problems.Add(new MapProblem(path, message, hint));

    /// <summary>A rule field: <see cref="Present"/> even when of the wrong type, then <see cref="Text"/> is null.</summary>
    private readonly record struct RuleField(bool Present, string? Text);

    /// <summary>The fields a rule object may have; <see cref="Value"/> stays absent where the kind of rule has none.</summary>
    private readonly record struct RuleFields(RuleField Op, RuleField From, RuleField To, RuleField Value);

    /// <summary>One op a kind of rule may name: its wire name, its kind, and the fields it takes (for hints).</summary>
    private readonly record struct OpShape<TOp>(string Name, TOp Kind, string Usage)
        where TOp : struct, Enum;

    private delegate TRule? RuleObjectReader<TRule>(ref Utf8JsonReader json, int index, string path)
        where TRule : class;
}
