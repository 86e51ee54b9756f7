using AttrMapper.Mapping;
using CsCheck;

namespace AttrMapper.Tests.Mapping;

/// <summary>Invariants of <see cref="AttributeMap.Apply"/> over many generated maps and users (CsCheck).</summary>
public sealed class AttributeMapPropertyTests
{
    // Few names, so that generated rules collide, chain, swap and fan out; some forbidden or invalid on purpose.
    private static readonly string[] Names =
    [
        "email", "email_verified", "phone_number", "phone_number_verified", "name", "locale", "custom:a", "custom:b",
        "custom:tenant", "sub", "identities", "username", "cognito:user_status", "dev:custom:x", "custom:a.b", "bogus",
    ];

    private static readonly Gen<string> Name = Gen.OneOf(Names);

    private static readonly Gen<string> Value = Gen.Frequency(
        (20, Gen.OneOf("true", "false", "v1", "v2", "", "a@x.test")),
        (1, Gen.Const(new string('L', 2049))));

    private static readonly Gen<string> Rule = Gen.Select(Gen.Int[0, 3], Name, Name, Gen.OneOf("free", "true", "z"), (op, a, b, v) => op switch
    {
        0 => $"copy {a}",
        1 => $"rename {a} {b}",
        2 => $"default {b} {v}",
        _ => $"drop {a}",
    });

    private static readonly Gen<(string[] Rules, bool CopyUnmapped, bool AllowUnsafe)> MapSpec =
        Gen.Select(Rule.Array[0, 6], Gen.Bool, Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))));

    private static readonly Gen<KeyValuePair<string, string>[]> Source =
        Gen.Select(Name, Value, (n, v) => new KeyValuePair<string, string>(n, v)).Array[0, 12];

    [Fact]
    public void Apply_GeneratedMapsAndUsers_KeepsTheInvariants()
    {
        var valid = 0;
        var applied = 0;

        Gen.Select(MapSpec, Source).Sample((spec, source) =>
        {
            var (rules, copyUnmapped, allowUnsafe) = spec;
            var json = MapText.Document(
                string.Join("; ", rules),
                copyUnmapped ? "copy" : "drop",
                allowUnsafe ? "\"allowUnsafeVerification\": true" : "");
            var parsed = MapDocument.Parse(json);

            // Valid exactly when there is no problem.
            (parsed.Map is null).ShouldBe(parsed.Problems.Count > 0);
            if (parsed.Map is not { } map)
            {
                return;
            }

            Interlocked.Increment(ref valid);
            var result = map.Apply(source);

            // Deterministic: the same input gives the same output, in the same order.
            var again = map.Apply(source);
            again.OversizedAttribute.ShouldBe(result.OversizedAttribute);
            again.Attributes?.ToList().ShouldBe(result.Attributes!.ToList());

            if (result.Attributes is not { } output)
            {
                result.OversizedAttribute.ShouldNotBeNull();
                return;
            }

            Interlocked.Increment(ref applied);
            result.OversizedAttribute.ShouldBeNull();
            var defaultValues = rules.Where(r => r.StartsWith("default ", StringComparison.Ordinal)).Select(r => r.Split(' ')[2]).ToHashSet();
            foreach (var (name, value) in output)
            {
                // Never a forbidden target; only names the new pool can take.
                AttributeNames.IsNeverEmitted(name).ShouldBeFalse(name);
                AttributeNames.IsValidTarget(name).ShouldBeTrue(name);

                // Output names come from rule targets, or from the source under unmapped: copy.
                (map.Targets.Contains(name) || (copyUnmapped && source.Any(s => s.Key == name))).ShouldBeTrue(name);

                // Values come from the snapshot or from a default, and fit Cognito.
                (source.Any(s => s.Value == value) || defaultValues.Contains(value)).ShouldBeTrue(name);
                value.Length.ShouldBeLessThanOrEqualTo(AttributeNames.MaxValueLength);
            }

            // A verification flag only with its attribute, and (unless the map says otherwise) the source's own one.
            foreach (var (flag, attribute) in new[] { ("email_verified", "email"), ("phone_number_verified", "phone_number") })
            {
                if (!output.ContainsKey(flag))
                {
                    continue;
                }

                output.ShouldContainKey(attribute);
                if (!map.AllowUnsafeVerification)
                {
                    var own = source.First(s => s.Key == attribute);
                    output[attribute].ShouldBe(own.Value);
                    output[flag].ShouldBe(source.First(s => s.Key == flag).Value);
                }
            }
        }, iter: 4000);

        // The generator must reach the interesting part: valid maps, applied.
        valid.ShouldBeGreaterThan(400);
        applied.ShouldBeGreaterThan(300);
    }

    [Fact]
    public void Apply_GeneratedMapsAndUsers_MatchesANaiveModelOfSection4()
    {
        var compared = 0;

        Gen.Select(MapSpec, Source).Sample((spec, source) =>
        {
            var (rules, copyUnmapped, allowUnsafe) = spec;
            var parsed = MapDocument.Parse(MapText.Document(
                string.Join("; ", rules),
                copyUnmapped ? "copy" : "drop",
                allowUnsafe ? "\"allowUnsafeVerification\": true" : ""));
            if (parsed.Map is not { } map)
            {
                return;
            }

            Interlocked.Increment(ref compared);
            var expected = Model(rules.Select(r => r.Split(' ')).ToList(), copyUnmapped, allowUnsafe, source);
            var actual = map.Apply(source);

            var oversized = expected.Where(p => p.Value.Length > AttributeNames.MaxValueLength).Select(p => p.Key).ToList();
            if (oversized.Count > 0)
            {
                actual.Attributes.ShouldBeNull();
                oversized.ShouldContain(actual.OversizedAttribute!);
            }
            else
            {
                MapText.Render(actual.Attributes).ShouldBe(MapText.Render(expected));
            }
        }, iter: 4000);

        compared.ShouldBeGreaterThan(400);
    }

    /// <summary>Section 4 read literally, as slowly and plainly as possible, for comparison.</summary>
    private static Dictionary<string, string> Model(List<string[]> rules, bool copyUnmapped, bool allowUnsafe, KeyValuePair<string, string>[] source)
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var (name, value) in source)
        {
            snapshot.TryAdd(name, value);
        }

        // Shorthand words: "copy a", "rename a b", "default b v", "drop a".
        static string? TargetOf(string[] r) => r[0] switch { "copy" or "default" => r[1], "rename" => r[2], _ => null };
        var producers = rules.Where(r => r[0] is "copy" or "rename").ToList();
        var named = producers.Select(r => r[1]).Concat(producers.Select(r => TargetOf(r)!)).Concat(rules.Where(r => r[0] == "drop").Select(r => r[1])).ToHashSet();

        var output = new Dictionary<string, string>();
        foreach (var r in producers)
        {
            if (snapshot.TryGetValue(r[1], out var value))
            {
                output[TargetOf(r)!] = value;
            }
        }

        if (copyUnmapped)
        {
            foreach (var (name, value) in snapshot.Where(p => !named.Contains(p.Key) && AttributeNames.IsValidTarget(p.Key)))
            {
                output[name] = value;
            }
        }

        bool FromOwn(string attribute) =>
            snapshot.ContainsKey(attribute)
            && (producers.Any(r => r[0] == "copy" && r[1] == attribute) || (copyUnmapped && !named.Contains(attribute)));

        foreach (var r in rules.Where(r => r[0] == "default"))
        {
            output.TryAdd(r[1], r[2]);
        }

        foreach (var (flag, attribute) in new[] { ("email_verified", "email"), ("phone_number_verified", "phone_number") })
        {
            var keep = allowUnsafe ? output.ContainsKey(attribute) : output.ContainsKey(attribute) && FromOwn(attribute);
            if (!keep)
            {
                output.Remove(flag);
            }
        }

        return output;
    }

    [Fact]
    public void Parse_MutatedDocuments_NeverThrowsAndValidMeansNoProblems()
    {
        var document = MapText.DesignExample;
        var mutation = Gen.Select(Gen.Int[0, document.Length - 1], Gen.Int[0, 2], Gen.Int[32, 126]);

        mutation.Array[1, 4].Sample(edits =>
        {
            var text = new System.Text.StringBuilder(document);
            foreach (var (at, kind, c) in edits)
            {
                var i = Math.Min(at, text.Length - 1);
                _ = kind switch
                {
                    0 => text.Remove(i, 1),
                    1 => text.Insert(i, (char)c),
                    _ => text.Replace(text[i], (char)c, i, 1),
                };
            }

            var result = MapDocument.Parse(text.ToString());

            (result.Map is null).ShouldBe(result.Problems.Count > 0);
            foreach (var problem in result.Problems)
            {
                problem.Path.ShouldStartWith("$");
                problem.Message.ShouldNotBeNullOrWhiteSpace();
            }
        }, iter: 4000);
    }
}
