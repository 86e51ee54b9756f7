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
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));

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
        text.ShouldContain("function invocations before 4, after 4");
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
        foreach (var user in DemoUsers.All)
        {
            text.ShouldNotContain(user.Password);
        }
    }

    /// <summary>The table row a user's name starts in step 2 (or 5): the last one, after the seeding table.</summary>
    private static string Row(string[] lines, string user) =>
        lines.Last(l => l.StartsWith($"  {user} ", StringComparison.Ordinal));
}
