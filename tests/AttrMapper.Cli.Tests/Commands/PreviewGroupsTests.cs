using AttrMapper.LocalPeers;

namespace AttrMapper.Cli.Tests.Commands;

/// <summary><c>preview USER</c> with a <c>groups</c> map: old groups (paged) to new groups, through the map's own group rules.</summary>
[Trait("Category", "Loopback")]
public sealed class PreviewGroupsTests : IAsyncLifetime
{
    private const string OldPoolId = "eu-west-1_OldGrpPrv1";

    private ScriptedOldPool _pool = null!;

    public async Task InitializeAsync()
    {
        _pool = await ScriptedOldPool.StartAsync(OldPoolId);
        _pool.AddUser(new FakeUser { Username = "alice", Password = "unused-Passw0rd", Attributes = [new("email", "alice@example.com")] });
        _pool.CreateGroups(OldPoolId, "admins", "staff", "beta");
        foreach (var g in new[] { "admins", "staff", "beta" })
        {
            _pool.AddUserToGroup("alice", g, OldPoolId);
        }
    }

    public async Task DisposeAsync() => await _pool.DisposeAsync();

    private Task<CliResult> Preview(string map, params string[] more) => CliRun.RunAsync(CliRun.Environment(_pool.Endpoint), [
        "preview", "alice", "--old-pool", OldPoolId, "--map", CliRun.TempMap(map), .. more]);

    [Fact]
    public async Task Preview_GroupsMap_ShowsOldGroupsToNewGroups()
    {
        var result = await Preview(MapTexts.Groups);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("  old groups  admins, beta, staff");
        result.Out.ShouldContain("  new groups  admins, employees, migrated");
        result.Out.ShouldContain("(not carried over under these names: beta, staff)");
        _pool.Calls.Count(c => c.Operation == "AdminListGroupsForUser" && c.Username == "alice").ShouldBe(1);
    }

    [Fact]
    public async Task Preview_GroupsMap_Json_PagedThroughEveryGroup()
    {
        for (var i = 0; i < 70; i++)
        {
            _pool.CreateGroups(OldPoolId, $"team{i:D2}");
            _pool.AddUserToGroup("alice", $"team{i:D2}", OldPoolId);
        }

        var result = await Preview(MapTexts.Groups.Replace("\"groups\": {", "\"groups\": { \"unmapped\": \"copy\",", StringComparison.Ordinal), "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        var groups = result.Json().GetProperty("groups");
        groups.GetProperty("marker").GetString().ShouldBe("custom:pending_groups");
        groups.GetProperty("oldGroups").GetArrayLength().ShouldBe(73);
        groups.GetProperty("newGroups").EnumerateArray().Select(g => g.GetString()).ShouldContain("team69");
        groups.GetProperty("newGroups").EnumerateArray().Select(g => g.GetString()).ShouldNotContain("beta");
        groups.GetProperty("complete").GetBoolean().ShouldBeTrue();
        _pool.Calls.Count(c => c.Operation == "AdminListGroupsForUser").ShouldBe(2);
    }

    [Fact]
    public async Task Preview_MapWithoutGroups_NoGroupCall_GroupsNull()
    {
        var result = await Preview("""{ "version": 1, "rules": [ { "op": "copy", "from": "email" } ] }""", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Json().GetProperty("groups").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        _pool.Calls.ShouldNotContain(c => c.Operation == "AdminListGroupsForUser");
    }
}
