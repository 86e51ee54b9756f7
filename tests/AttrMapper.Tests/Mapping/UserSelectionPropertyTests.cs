using System.Text.Json;
using AttrMapper.Mapping;
using CsCheck;

namespace AttrMapper.Tests.Mapping;

/// <summary><see cref="UserSelection.Selects"/> against a plain model, over generated lists and users (CsCheck).</summary>
public sealed class UserSelectionPropertyTests
{
    // Few characters, so values collide: ASCII letters in both cases, '[' (the neighbour of '{' when case is done by
    // a bit), and non-ASCII letters that culture or Unicode case folding would confuse with them or each other.
    private static readonly Gen<string> Text = Gen.Char["aAk[{\u212AéÉ"].Array[0, 3].Select(c => new string(c));

    private static readonly Gen<string> Attribute = Gen.OneOf("custom:tenant", "email");

    [Fact]
    public void Selects_GeneratedListsAndUsers_MatchesAPlainModel()
    {
        var selected = 0;
        var compared = 0;

        Gen.Select(Gen.Bool, Text.Array[1, 4], Gen.Select(Attribute, Text, (n, v) => new KeyValuePair<string, string>(n, v)).Array[0, 4])
            .Sample((bySuffix, values, source) =>
            {
                var list = string.Join(", ", values.Select(v => JsonSerializer.Serialize(v, MapTextJson.Default.String)));
                var parsed = MapDocument.Parse($$"""{ "version": 1, "rules": [], "select": { "attribute": "email", "{{(bySuffix ? "suffix" : "in")}}": [{{list}}] } }""");
                if (parsed.Map?.Select is not { } selection)
                {
                    return;
                }

                Interlocked.Increment(ref compared);
                var value = source.FirstOrDefault(p => p.Key == "email").Value;
                var expected = value is not null && (bySuffix
                    ? values.Any(s => Fold(value).EndsWith(Fold(s), StringComparison.Ordinal))
                    : values.Contains(value));

                var actual = selection.Selects(source);

                actual.ShouldBe(expected);
                if (actual)
                {
                    Interlocked.Increment(ref selected);
                }
            }, iter: 4000);

        compared.ShouldBeGreaterThan(1000);
        selected.ShouldBeGreaterThan(50);
    }

    /// <summary>Lower-cases A-Z only.</summary>
    private static string Fold(string text) => string.Concat(text.Select(c => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c));
}
