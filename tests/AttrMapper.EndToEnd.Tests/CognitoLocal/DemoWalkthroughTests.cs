using AttrMapper.Demo.Walkthrough;
using AttrMapper.Tests;

namespace AttrMapper.EndToEnd.Tests.CognitoLocal;

/// <summary>`make demo`'s walkthrough itself (with the published attrmapper CLI: make test sets ATTRMAPPER_CLI), read the way someone watching it would: who got in, what the new pool holds, the live edit.</summary>
public sealed class DemoWalkthroughTests
{
    [Fact]
    public async Task RunAsync_WholeStory_ShowsMigrationsRefusalsAndTheLiveEditWithoutPasswords()
    {
        using var output = new StringWriter();
        var settings = DemoSettings.ForRepository(RepositoryFiles.Root, BootstrapProcess.BinaryPath, ttlSeconds: 1);
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        await new DemoWalkthrough(settings, output).RunAsync(patience.Token);

        var text = output.ToString();
        var lines = text.Split('\n');
        Row(lines, "alice").ShouldContain("signed in");
        Row(lines, "alice").ShouldContain("CONFIRMED");
        Row(lines, "bruno").ShouldContain("signed in");
        Row(lines, "carmen").ShouldContain("(no user)");
        Row(lines, "dmitri").ShouldContain("(no user)");
        text.ShouldContain("custom:tenant_id = acme");
        text.ShouldContain("custom:plan = pro");
        text.ShouldContain("email_verified = false");
        text.ShouldContain("migration trigger invocations before 4, after 4");
        text.ShouldContain("the group triggers answered, with no marker to act on: PostAuthentication: answered (no_marker), 0 call(s); PreTokenGeneration: answered (no_marker), 0 call(s)");
        text.ShouldContain("$ attrmapper map diff demo/attribute-map.v2.json");
        text.ShouldContain("+ rename custom:tenant -> custom:org");
        text.ShouldContain("$ attrmapper map push demo/attribute-map.v2.json");
        text.ShouldContain("is now version 2");
        text.ShouldContain("$ attrmapper preview erin");
        text.ShouldContain("map: /attrmapper/demo/attribute-map version 2");
        text.ShouldContain("custom:org         umbrella");
        text.ShouldContain("custom:org = umbrella");
        // erin migrates under the edited map's IdToken source: the table shows one old-pool call for her.
        text.ShouldContain("attribute source: IdToken");
        var erin = Array.LastIndexOf(lines, Row(lines, "erin"));
        string.Join('\n', lines.Skip(erin).Take(4)).ShouldContain("1 old-pool call(s)");
        text.ShouldContain("map version 2");
        text.ShouldContain("started 1 time(s)");
        foreach (var user in DemoUsers.All.Append(DemoUsers.WithGroups))
        {
            text.ShouldNotContain(user.Password);
        }

        // The groups step: grace's first session's token and the new pool hold the mapped groups, the marker is gone; her
        // forged marker gains nothing.
        var first = Block(lines, "  1st: migrates");
        string.Join('\n', first).ShouldContain("UserMigration: migrated (groups_carried)");
        string.Join('\n', first).ShouldContain("PostAuthentication: answered (groups_settled)");
        string.Join('\n', first).ShouldContain("PreTokenGeneration: answered (groups_overridden)");
        Column(first, 2).ShouldBe(["editors", "employees"]);
        Column(first, 3).ShouldBe(["editors", "employees"]);
        Column(first, 4).ShouldBe(["(none)"]);
        text.ShouldContain($"writes custom:pending_groups = {GroupsStep.ForgedMarker}");
        var forged = Block(lines, "  2nd: forged");
        string.Join('\n', forged).ShouldContain("PostAuthentication: answered (marker_rejected)");
        string.Join('\n', forged).ShouldContain("PreTokenGeneration: answered (marker_rejected)");
        string.Join('\n', forged).ShouldNotContain("UserMigration");
        Column(forged, 2).ShouldBe(["editors", "employees"]);
        Column(forged, 3).ShouldBe(["editors", "employees"]);
        Column(forged, 4).ShouldBe(["the forged value"]);

        CutoverShown(lines[Array.FindIndex(lines, l => l.StartsWith("8. ", StringComparison.Ordinal))..]);
    }

    /// <summary>A table row and the lines under it up to the table's end (each groups table has one row).</summary>
    private static string[] Block(string[] lines, string start)
    {
        var at = Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal));
        at.ShouldBeGreaterThanOrEqualTo(0, $"no row starting {start}");
        return [.. lines.Skip(at).TakeWhile((l, i) => i == 0 || (l.Contains('|', StringComparison.Ordinal) && !l.Contains("-+-", StringComparison.Ordinal)))];
    }

    /// <summary>The non-empty cells of one column across a row's lines.</summary>
    private static string[] Column(string[] block, int column) =>
        [.. block.Select(l => l.Split('|')).Where(c => c.Length > column).Select(c => c[column].Trim()).Where(c => c.Length > 0)];

    /// <summary>The cutover (steps 8-10): who the sweep took and why not, the swept user's refused password, the reset and sign-in.</summary>
    private static void CutoverShown(string[] lines)
    {
        // The sweep's table is the first one of the cutover that has a row per user.
        static string SweptRow(string[] lines, string user) => lines.First(l => l.StartsWith($"  {user} ", StringComparison.Ordinal));

        var text = string.Join('\n', lines);
        text.ShouldContain("--dry-run");
        text.ShouldContain("dry run: nothing was sent to Cognito");
        text.ShouldContain("--logs-role-arn arn:aws:iam::111122223333:role/attrmapper-import-logs");
        text.ShouldContain("imported 2, skipped 0");
        SweptRow(lines, "alice").ShouldContain("not taken: in_new_pool");
        SweptRow(lines, "carmen").ShouldContain("not taken: disabled");
        SweptRow(lines, "gina").ShouldContain("not taken: ");
        SweptRow(lines, "gina").ShouldContain("(no user)");
        SweptRow(lines, "frank").ShouldContain("RESET_REQUIRED");
        SweptRow(lines, "dmitri").ShouldContain("imported");
        text.ShouldMatch(@"sign-in: refused: PasswordResetRequiredException; function invocations before (\d+), after \1; the new pool holds RESET_REQUIRED");
        var reset = lines.Last(l => l.StartsWith("  frank ", StringComparison.Ordinal) && l.Contains(" | ", StringComparison.Ordinal));
        reset.ShouldContain("code received, password set");
        reset.ShouldContain("| signed in");
        reset.ShouldNotContain("UserMigration");
        reset.ShouldContain("CONFIRMED");
        text.ShouldContain("the migration trigger was not called and the old pool was not asked (0 calls)");
        text.ShouldNotMatch(@"Reset-[0-9A-F]{16}-pw!");
    }

    /// <summary>The table row a user's name starts in step 2 (or 6): the last one before the cutover, after the seeding table.</summary>
    private static string Row(string[] lines, string user)
    {
        var cutover = Array.FindIndex(lines, l => l.StartsWith("8. ", StringComparison.Ordinal));
        return (cutover < 0 ? lines : lines[..cutover]).Last(l => l.StartsWith($"  {user} ", StringComparison.Ordinal));
    }
}
