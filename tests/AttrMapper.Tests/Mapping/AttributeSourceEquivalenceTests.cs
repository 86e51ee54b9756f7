using System.Buffers;
using System.Text.Json;
using AttrMapper.Mapping;
using CsCheck;

namespace AttrMapper.Tests.Mapping;

/// <summary>
/// Issue 14's equivalence at the engine level: for every map the IdToken source accepts, a user's AdminGetUser
/// attributes and the same user's ID token give byte-identical answers, groups and selection (CsCheck).
/// </summary>
public sealed class AttributeSourceEquivalenceTests
{
    private enum Kind
    {
        Text,
        Flag,
        Number,
    }

    // What an old pool's user may hold, with the JSON type Cognito writes into the token.
    private static readonly (string Name, Kind Kind)[] Schema =
    [
        ("sub", Kind.Text), ("email", Kind.Text), ("email_verified", Kind.Flag), ("phone_number", Kind.Text),
        ("phone_number_verified", Kind.Flag), ("given_name", Kind.Text), ("family_name", Kind.Text), ("locale", Kind.Text),
        ("updated_at", Kind.Number), ("custom:tenant", Kind.Text), ("custom:plan", Kind.Text), ("custom:n", Kind.Text),
    ];

    private static readonly Gen<string> Text = Gen.Frequency(
        (30, Gen.OneOf("acme", "", "Bob", "a\"b\\c/d", "é€😀", "+447700900123", "bob@example.com", "\u2028x\t", "<tag>&'", "42")),
        (1, Gen.Const(new string('L', 2049))));

    private static readonly Gen<string> From = Gen.OneOf([.. Schema.Select(s => s.Name), "name", "custom:missing"]);

    private static readonly Gen<string> Target = Gen.OneOf(
        "email", "email_verified", "phone_number", "phone_number_verified", "given_name", "custom:tenant_id", "custom:plan",
        "custom:legacy_sub", "updated_at", "custom:n", "locale");

    private static readonly Gen<string> Rule = Gen.Select(Gen.Int[0, 3], From, Target, Gen.OneOf("free", "true", "z"), (op, a, b, v) => op switch
    {
        0 => $"copy {a}",
        1 => $"rename {a} {b}",
        2 => $"default {b} {v}",
        _ => $"drop {a}",
    });

    private static readonly Gen<string> GroupName = Gen.OneOf("admins", "staff", "employees", "beta");

    private static readonly Gen<string> GroupRule = Gen.Select(Gen.Int[0, 3], GroupName, GroupName, (op, a, b) => op switch
    {
        0 => $"copy {a}",
        1 => $"rename {a} {b}",
        2 => $"drop {a}",
        _ => $"add {b}",
    });

    // Each attribute with a value the users often hold, so that both outcomes are common.
    private static readonly Gen<string> Select = Gen.Select(
        Gen.OneOf(
            ("custom:tenant", "in", "acme"), ("email", "suffix", "@EXAMPLE.com"), ("email_verified", "in", "true"),
            ("updated_at", "in", "1700000000"), ("sub", "suffix", "ME"), ("custom:n", "in", "42")),
        spec => $$"""
            , "select": { "attribute": "{{spec.Item1}}", "{{spec.Item2}}": [{{JsonSerializer.Serialize(spec.Item3, MapTextJson.Default.String)}}] }
            """);

    private static readonly Gen<string> Map = Gen.Select(
        Rule.Array[0, 8],
        Gen.Frequency((1, Gen.Const("")), (1, Select)),
        Gen.Frequency((1, Gen.Const("")), (1, GroupRule.Array[0, 4].Select(r => ", " + MapText.Groups(string.Join("; ", r), "drop")))),
        (rules, select, groups) => MapText.Document(string.Join("; ", rules), "drop", "\"attributeSource\": \"IdToken\"" + select + groups));

    private static readonly Gen<User> Users = Gen.Select(
        Gen.Bool.Array[Schema.Length],
        Text.Array[Schema.Length],
        Gen.Bool.Array[Schema.Length],
        Gen.Frequency((1, Gen.Const(1_700_000_000L)), (2, Gen.Long[-5, 4_102_444_800])),
        Gen.Int.Array[Schema.Length + 12],
        Gen.Int.Array[Schema.Length],
        GroupName.Array[0, 4],
        (present, texts, flags, number, tokenOrder, adminOrder, groups) =>
            new User(present, texts, flags, number, tokenOrder, adminOrder, groups));

    [Fact]
    public void Apply_IdTokenAndAdminGetUserOfOneUser_GiveByteIdenticalAnswers()
    {
        var compared = 0;
        var selected = 0;
        var grouped = 0;

        Gen.Select(Map, Users).Sample((json, user) =>
        {
            var parsed = MapDocument.Parse(json);
            if (parsed.Map is not { } map)
            {
                return;
            }

            Interlocked.Increment(ref compared);
            var claims = IdTokenClaims.Read(user.TokenPayload()).ShouldNotBeNull();
            var fromAdmin = map.Apply(user.AdminGetUserAttributes());
            var fromToken = map.Apply(claims.Attributes);

            fromToken.OversizedAttribute.ShouldBe(fromAdmin.OversizedAttribute);
            Answer(fromToken.Attributes).ShouldBe(Answer(fromAdmin.Attributes));

            if (map.Select is { } selection)
            {
                var takes = selection.Selects(claims.Attributes);
                takes.ShouldBe(selection.Selects(user.AdminGetUserAttributes()));
                if (takes)
                {
                    Interlocked.Increment(ref selected);
                }
            }

            if (map.Groups is { } groups)
            {
                // AdminListGroupsForUser may list them in another order than the token.
                var listed = user.Groups.Reverse().ToList();
                groups.Apply(claims.Groups).ShouldBe(groups.Apply(listed));
                Interlocked.Increment(ref grouped);
            }
        }, iter: 4000);

        compared.ShouldBeGreaterThan(500);
        selected.ShouldBeGreaterThan(20);
        grouped.ShouldBeGreaterThan(200);
    }

    /// <summary>The userAttributes object as the handler writes it: members in the dictionary's order.</summary>
    private static byte[] Answer(IReadOnlyDictionary<string, string>? attributes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in attributes ?? new Dictionary<string, string>())
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private sealed record User(bool[] Present, string[] Texts, bool[] Flags, long Number, int[] TokenOrder, int[] AdminOrder, string[] Groups)
    {
        private IEnumerable<int> Held => Enumerable.Range(0, Schema.Length).Where(i => Present[i]);

        private string TextOf(int i) => Schema[i].Kind switch
        {
            Kind.Flag => Flags[i] ? "true" : "false",
            Kind.Number => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => Texts[i],
        };

        /// <summary>AdminGetUser's UserAttributes: every value a string, in its own order.</summary>
        public List<KeyValuePair<string, string>> AdminGetUserAttributes() =>
            [.. Held.OrderBy(i => AdminOrder[i]).Select(i => new KeyValuePair<string, string>(Schema[i].Name, TextOf(i)))];

        /// <summary>The ID token payload: typed claims among the JWT's own and cognito:*, in another order.</summary>
        public byte[] TokenPayload()
        {
            var claims = new List<(int Order, Action<Utf8JsonWriter> Write)>();
            foreach (var i in Held)
            {
                var (name, kind) = Schema[i];
                claims.Add((TokenOrder[i], kind switch
                {
                    Kind.Flag => w => w.WriteBoolean(name, Flags[i]),
                    Kind.Number => w => w.WriteNumber(name, Number),
                    _ => w => w.WriteString(name, Texts[i]),
                }));
            }

            var n = Schema.Length;
            claims.Add((TokenOrder[n], w => w.WriteString("iss", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_OldPool17")));
            claims.Add((TokenOrder[n + 1], w => w.WriteString("aud", "5oldclient")));
            claims.Add((TokenOrder[n + 2], w => w.WriteNumber("exp", 1700003600)));
            claims.Add((TokenOrder[n + 3], w => w.WriteNumber("iat", 1700000000)));
            claims.Add((TokenOrder[n + 4], w => w.WriteNumber("auth_time", 1700000000)));
            claims.Add((TokenOrder[n + 5], w => w.WriteString("token_use", "id")));
            claims.Add((TokenOrder[n + 6], w => w.WriteString("jti", "j")));
            claims.Add((TokenOrder[n + 7], w => w.WriteString("origin_jti", "o")));
            claims.Add((TokenOrder[n + 8], w => w.WriteString("event_id", "e")));
            claims.Add((TokenOrder[n + 9], w => w.WriteString("cognito:username", "bob")));
            claims.Add((TokenOrder[n + 10], w => w.WriteString("at_hash", "h")));
            if (Groups.Length > 0)
            {
                claims.Add((TokenOrder[n + 11], w =>
                {
                    w.WriteStartArray("cognito:groups");
                    foreach (var group in Groups.Distinct())
                    {
                        w.WriteStringValue(group);
                    }

                    w.WriteEndArray();
                }));
            }

            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var (_, write) in claims.OrderBy(c => c.Order))
                {
                    write(writer);
                }

                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
    }
}
