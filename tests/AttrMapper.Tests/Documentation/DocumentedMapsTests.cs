using System.Text.RegularExpressions;
using AttrMapper.Mapping;

namespace AttrMapper.Tests.Documentation;

/// <summary>Every map an operator might copy from the docs or the examples must be one the function accepts.</summary>
public sealed partial class DocumentedMapsTests
{
    public static TheoryData<string, int> MapsInMarkdown()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in new[] { "README.md", "../shared/DESIGN.md" })
        {
            var path = RepositoryFiles.PathOf(file);
            if (!File.Exists(path))
            {
                continue;
            }

            var blocks = JsonBlock().Matches(File.ReadAllText(path)).Where(m => IsWholeMap(m.Groups[1].Value)).ToList();
            for (var i = 0; i < blocks.Count; i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MapsInMarkdown))]
    public void Parse_MapShownInDocs_IsValid(string file, int index)
    {
        var json = JsonBlock().Matches(File.ReadAllText(RepositoryFiles.PathOf(file)))
            .Where(m => IsWholeMap(m.Groups[1].Value))
            .ElementAt(index).Groups[1].Value;

        var result = MapDocument.Parse(json);

        result.Problems.ShouldBeEmpty();
        result.Map.ShouldNotBeNull();
    }

    [Fact]
    public void Parse_ReadmeMap_IsShown()
    {
        MapsInMarkdown().Count(row => (string)row[0] == "README.md").ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Parse_EveryMapFileInTheRepository_IsValid()
    {
        var files = Directory.EnumerateFiles(RepositoryFiles.Root, "*map*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains("node_modules", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)
                && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/invalid/", StringComparison.Ordinal))
            .ToList();

        foreach (var file in files)
        {
            var result = MapDocument.Parse(File.ReadAllText(file));
            result.Problems.ShouldBeEmpty(file);
        }
    }

    // A whole document, not a fragment showing one section (DESIGN §4 shows the optional sections alone, whose
    // groups section has "rules" of its own).
    private static bool IsWholeMap(string json) =>
        json.Contains("\"rules\"", StringComparison.Ordinal) && json.Contains("\"version\"", StringComparison.Ordinal);

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
