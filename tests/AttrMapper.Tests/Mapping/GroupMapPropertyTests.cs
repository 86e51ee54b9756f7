using AttrMapper.Mapping;
using CsCheck;

namespace AttrMapper.Tests.Mapping;

/// <summary>Invariants of <see cref="GroupMap.Apply"/> over many generated group sections and users (CsCheck).</summary>
public sealed class GroupMapPropertyTests
{
    // Few names, so that generated rules collide, chain, swap and merge.
    private static readonly Gen<string> Name = Gen.OneOf("admins", "staff", "employees", "beta", "Admins", "migrated", "x");

    private static readonly Gen<string> Rule = Gen.Select(Gen.Int[0, 3], Name, Name, (op, a, b) => op switch
    {
        0 => $"copy {a}",
        1 => $"rename {a} {b}",
        2 => $"drop {a}",
        _ => $"add {b}",
    });

    private static readonly Gen<(string[] Rules, bool CopyUnmapped, string[] Old)> Case =
        Gen.Select(Rule.Array[0, 6], Gen.Bool, Name.Array[0, 6]);

    [Fact]
    public void Apply_GeneratedSectionsAndUsers_MatchesANaiveModelOfSection4()
    {
        var compared = 0;

        Case.Sample((rules, copyUnmapped, old) =>
        {
            var parsed = MapDocument.Parse(MapText.Document("", "drop", MapText.Groups(string.Join("; ", rules), copyUnmapped ? "copy" : "drop")));
            (parsed.Map is null).ShouldBe(parsed.Problems.Count > 0);
            if (parsed.Map?.Groups is not { } groups)
            {
                return;
            }

            Interlocked.Increment(ref compared);
            var actual = groups.Apply(old);

            actual.ShouldBe(Model(rules.Select(r => r.Split(' ')).ToList(), copyUnmapped, old));

            // A set in ordinal order, the same whatever order the old pool lists the groups in.
            actual.ShouldBe(actual.Distinct().Order(StringComparer.Ordinal).ToList());
            groups.Apply([.. old.Reverse()]).ShouldBe(actual);

            // Only what the rules name, or an old group under unmapped: copy; add groups always.
            foreach (var group in actual)
            {
                (groups.Targets.Contains(group) || (copyUnmapped && old.Contains(group))).ShouldBeTrue(group);
            }

            foreach (var added in rules.Where(r => r.StartsWith("add ", StringComparison.Ordinal)))
            {
                actual.ShouldContain(added[4..]);
            }
        }, iter: 4000);

        compared.ShouldBeGreaterThan(400);
    }

    /// <summary>Section 4 read literally: copy X, rename X → Y, drop X (out of unmapped: copy), add Y.</summary>
    private static List<string> Model(List<string[]> rules, bool copyUnmapped, string[] old)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var named = rules.Where(r => r[0] is "copy" or "rename" or "drop").Select(r => r[1]).ToHashSet();
        foreach (var r in rules)
        {
            switch (r[0])
            {
                case "copy" when old.Contains(r[1]):
                    result.Add(r[1]);
                    break;
                case "rename" when old.Contains(r[1]):
                    result.Add(r[2]);
                    break;
                case "add":
                    result.Add(r[1]);
                    break;
            }
        }

        if (copyUnmapped)
        {
            result.UnionWith(old.Where(g => !named.Contains(g)));
        }

        return [.. result.Order(StringComparer.Ordinal)];
    }
}
