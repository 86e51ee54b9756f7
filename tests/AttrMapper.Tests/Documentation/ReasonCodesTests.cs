using System.Reflection;
using System.Text.RegularExpressions;
using AttrMapper.Migration;

namespace AttrMapper.Tests.Documentation;

/// <summary>The README's table of log reasons is the operator's only list of them: it must hold every code the function writes.</summary>
public sealed partial class ReasonCodesTests
{
    public static TheoryData<string> EveryReasonConstant()
    {
        // GroupReasons reuses a few of Reasons' codes (wrong_pool): one row per code, not per constant.
        var data = new TheoryData<string>();
        foreach (var code in typeof(Reasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(AttrMapper.Groups.GroupReasons).GetFields(BindingFlags.Public | BindingFlags.Static)).Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!).Distinct(StringComparer.Ordinal))
        {
            data.Add(code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryReasonConstant))]
    public void Readme_EveryReasonConstant_HasARowInTheReasonTable(string reason)
    {
        var rows = ReasonRow().Matches(File.ReadAllText(RepositoryFiles.PathOf("README.md"))).Select(m => m.Groups[1].Value);

        rows.ShouldContain(reason, $"README.md's reason table has no row for `{reason}`");
    }

    [Fact]
    public void Readme_ChallengeReasons_AreDocumentedWithTheirFallback()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md"));

        readme.ShouldContain("| `challenge_<NAME>` |");
        readme.ShouldContain(Reasons.Challenge("not a name"));
    }

    // A row of the reason table: | `code` | outcome | when |
    [GeneratedRegex(@"^\| `([a-z_<>A-Z]+)` \| (?:migrated|rejected|fault|answered|migrated or rejected) \|", RegexOptions.Multiline)]
    private static partial Regex ReasonRow();
}
