using AttrMapper.Cli.Tests.Settle;
using AttrMapper.LocalPeers;
using AttrMapper.Parameters;

namespace AttrMapper.Cli.Tests.Commands;

/// <summary>
/// <c>groups settle</c> against the scripted pool (new and old pool on one endpoint) and the local Parameter Store: what
/// the post-authentication trigger does, from the operator's side, and every forgery gaining nothing.
/// </summary>
[Trait("Category", "Loopback")]
public sealed class GroupsSettleCommandTests : IAsyncLifetime
{
    private const string OldPool = "eu-west-1_OldSettle1";
    private const string NewPool = "eu-west-1_NewSettle1";
    private const string Marker = "custom:pending_groups";
    private const string KeyName = "/attrmapper/key";
    private const string ShapeOnly = "v1.WyJhZG1pbnMiLCJlbXBsb3llZXMiXQ.c2hvd3MgdGhlIHNoYXBlIG9ubHk";

    private const string MapJson = """
        { "version": 1, "rules": [ { "op": "copy", "from": "email" } ],
          "groups": { "marker": "custom:pending_groups", "rules": [
            { "op": "copy", "from": "admins" },
            { "op": "rename", "from": "staff", "to": "employees" },
            { "op": "add", "to": "migrated" } ] } }
        """;

    private static readonly FunctionKey Key = FunctionKey.TryParse(Convert.ToBase64String([.. Enumerable.Range(100, 32).Select(i => (byte)i)]), 1)!;
    private static readonly FunctionKey OtherKey = FunctionKey.TryParse(Convert.ToBase64String([.. Enumerable.Range(7, 32).Select(i => (byte)i)]), 1)!;

    private ScriptedOldPool _pool = null!;
    private LocalParameterStore _store = null!;
    private string _map = null!;

    public async Task InitializeAsync()
    {
        _pool = await ScriptedOldPool.StartAsync(OldPool);
        _store = await LocalParameterStore.StartAsync();
        _store.Put(KeyName, Convert.ToBase64String([.. Enumerable.Range(100, 32).Select(i => (byte)i)]), "SecureString");
        _pool.SetSchema(NewPool, [("sub", "String", false, 2048), ("email", "String", true, 2048), (Marker, "String", true, 2048)]);
        _pool.CreateGroups(NewPool, "admins", "employees", "migrated", "readers");
        _pool.CreateGroups(OldPool, "staff", "admins", "beta");
        _map = CliRun.TempMap(MapJson);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _pool.DisposeAsync();
    }

    private void NewUser(string username, string? marker, string? email = null)
    {
        var attributes = new List<KeyValuePair<string, string>> { new("sub", Guid.NewGuid().ToString()) };
        if (email is not null)
        {
            attributes.Add(new("email", email));
        }

        if (marker is not null)
        {
            attributes.Add(new(Marker, marker));
        }

        _pool.AddPoolUser(NewPool, new FakeUser { Username = username, Password = "unused-Passw0rd", Attributes = attributes });
    }

    private string? MarkerOf(string username) => _pool.FindUser(username, NewPool)!.Attributes.FirstOrDefault(a => a.Key == Marker).Value;

    private Task<CliResult> Settle(params string[] more) => CliRun.RunAsync(CliRun.Environment(_pool.Endpoint, _store.Endpoint), [
        "groups", "settle", "--new-pool", NewPool, "--key-parameter", KeyName, "--map", _map, .. more]);

    private IEnumerable<ReceivedCall> Writes() => _pool.Calls.Where(c => c.Operation is "AdminAddUserToGroup" or "AdminDeleteUserAttributes" or "AdminUpdateUserAttributes");

    [Fact]
    public async Task Settle_VerifiedMarkers_MembershipsAddedMarkerDeleted_OthersUntouched_EveryPageRead()
    {
        NewUser("alice", ReferenceMarker.Groups(Key, NewPool, "alice", "admins", "employees"));
        for (var i = 0; i < 125; i++)
        {
            NewUser($"user{i:D3}", null);
        }

        NewUser("zed", ReferenceMarker.Groups(Key, NewPool, "zed", "migrated"));

        var result = await Settle("--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        _pool.GroupsOf("alice", NewPool).ShouldBe(["admins", "employees"]);
        _pool.GroupsOf("zed", NewPool).ShouldBe(["migrated"]);
        MarkerOf("alice").ShouldBeNull();
        MarkerOf("zed").ShouldBeNull();
        _pool.CallCount("ListUsers").ShouldBe(3);
        Writes().ShouldAllBe(c => c.Username == "alice" || c.Username == "zed");
        var json = result.Json();
        json.GetProperty("usersListed").GetInt32().ShouldBe(127);
        json.GetProperty("markers").GetInt32().ShouldBe(2);
        json.GetProperty("settled").GetInt32().ShouldBe(2);
        json.GetProperty("groupsAdded").GetInt32().ShouldBe(3);
        result.Out.ShouldNotContain("v1.");
    }

    [Fact]
    public async Task Settle_LookupMarker_ReadsTheOldUsersGroupsThroughTheMap()
    {
        _pool.AddUser(new FakeUser { Username = "carol-old", Password = "unused-Passw0rd" });
        _pool.AddUserToGroup("carol-old", "staff", OldPool);
        _pool.AddUserToGroup("carol-old", "beta", OldPool);
        NewUser("carol", ReferenceMarker.Lookup(Key, NewPool, "carol", "carol-old"));

        var result = await Settle("--old-pool", OldPool);

        result.ExitCode.ShouldBe(0, result.ToString());
        _pool.GroupsOf("carol", NewPool).ShouldBe(["employees", "migrated"]);
        MarkerOf("carol").ShouldBeNull();
        _pool.Calls.ShouldContain(c => c.Operation == "AdminListGroupsForUser" && c.Username == "carol-old");
        result.Out.ShouldContain("settled       carol: employees, migrated; marker deleted");
    }

    [Fact]
    public async Task Settle_LookupMarkerWithoutOldPool_FailedMarkerKept_Exit1()
    {
        var marker = ReferenceMarker.Lookup(Key, NewPool, "carol", "carol-old");
        NewUser("carol", marker);

        var result = await Settle("--json");

        result.ExitCode.ShouldBe(1, result.ToString());
        MarkerOf("carol").ShouldBe(marker);
        Writes().ShouldBeEmpty();
        result.Json().GetProperty("users")[0].GetProperty("outcome").GetString().ShouldBe("failed");
    }

    [Fact]
    public async Task Settle_GroupTheNewPoolLacks_SkippedForGoodAndCounted_MarkerDeleted()
    {
        NewUser("dave", ReferenceMarker.Groups(Key, NewPool, "dave", "admins", "ghosts"));

        var result = await Settle("--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        _pool.GroupsOf("dave", NewPool).ShouldBe(["admins"]);
        MarkerOf("dave").ShouldBeNull();
        var json = result.Json();
        json.GetProperty("groupsMissing").GetInt32().ShouldBe(1);
        json.GetProperty("users")[0].GetProperty("missing")[0].GetString().ShouldBe("ghosts");
    }

    public static TheoryData<string, string> Forgeries()
    {
        var mine = ReferenceMarker.Groups(Key, NewPool, "mallory", "readers");
        var tag = mine[(mine.LastIndexOf('.') + 1)..];
        var flipped = mine[..^1] + (mine[^1] == 'A' ? 'B' : 'A');
        return new TheoryData<string, string>
        {
            { "tampered payload, tag kept", ReferenceMarker.WithPayload(mine, "[\"admins\"]") },
            { "another user's marker copied", ReferenceMarker.Groups(Key, NewPool, "alice", "admins") },
            { "marker for another pool", ReferenceMarker.Groups(Key, "eu-west-1_OtherPool", "mallory", "admins") },
            { "wrong key", ReferenceMarker.Groups(OtherKey, NewPool, "mallory", "admins") },
            { "shape-only marker from the fixtures", ShapeOnly },
            { "one character of the tag changed", flipped },
            { "lookup pointed at someone else's old groups", ReferenceMarker.WithPayload(mine, "{\"lookup\":\"boss\"}") },
            { "the tag alone", "v1." + tag },
            { "the word lookup", "lookup" },
        };
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Settle_ForgedMarker_GainsNothing_LeftInPlace_CountedRejected_Exit1(string forgery, string marker)
    {
        _pool.AddUser(new FakeUser { Username = "boss", Password = "unused-Passw0rd" });
        _pool.AddUserToGroup("boss", "admins", OldPool);
        NewUser("mallory", marker);

        var result = await Settle("--old-pool", OldPool, "--json");

        result.ExitCode.ShouldBe(1, forgery + "\n" + result);
        _pool.GroupsOf("mallory", NewPool).ShouldBeEmpty(forgery);
        MarkerOf("mallory").ShouldBe(marker, forgery);
        Writes().ShouldBeEmpty(forgery);
        _pool.Calls.ShouldNotContain(c => c.Operation == "AdminListGroupsForUser", forgery);
        var json = result.Json();
        json.GetProperty("rejected").GetInt32().ShouldBe(1, forgery);
        json.GetProperty("users")[0].GetProperty("outcome").GetString().ShouldBe("rejected", forgery);
        result.Out.ShouldNotContain(marker.Length > 8 ? marker : "v1.", Case.Sensitive, forgery);
    }

    [Fact]
    public async Task Settle_EmailPool_VerifiesByTheEmailWhateverItsCase_AndNoTrickGainsAMembership()
    {
        _pool.SetUsernameAttributes(NewPool, "email");
        NewUser("7f0c-alice", ReferenceMarker.Groups(Key, NewPool, "alice@example.com", "admins"), email: "Alice@Example.COM");
        var stolen = ReferenceMarker.Groups(Key, NewPool, "alice@example.com", "admins");
        NewUser("9a1d-mallory", stolen, email: "mallory@example.com");
        NewUser("9a1e-mallory2", ReferenceMarker.Groups(Key, NewPool, "9a1e-mallory2", "admins"), email: "mallory2@example.com");
        NewUser("9a1f-noemail", ReferenceMarker.Groups(Key, NewPool, "9a1f-noemail", "admins"));
        NewUser("9a20-upper", ReferenceMarker.Groups(Key, NewPool, "MALLORY3@EXAMPLE.COM", "admins"), email: "mallory3@example.com");

        var result = await Settle("--json");

        result.ExitCode.ShouldBe(1, result.ToString());
        _pool.GroupsOf("7f0c-alice", NewPool).ShouldBe(["admins"]);
        foreach (var user in new[] { "9a1d-mallory", "9a1e-mallory2", "9a1f-noemail", "9a20-upper" })
        {
            _pool.GroupsOf(user, NewPool).ShouldBeEmpty(user);
            MarkerOf(user).ShouldNotBeNull(user);
        }

        var json = result.Json();
        json.GetProperty("settled").GetInt32().ShouldBe(1);
        json.GetProperty("rejected").GetInt32().ShouldBe(4);
        _pool.CallCount("DescribeUserPool").ShouldBe(1);
    }

    [Fact]
    public async Task Settle_DryRun_ListsWhatWouldBeDone_SendsNoWrite()
    {
        _pool.AddUser(new FakeUser { Username = "carol-old", Password = "unused-Passw0rd" });
        _pool.AddUserToGroup("carol-old", "admins", OldPool);
        var alice = ReferenceMarker.Groups(Key, NewPool, "alice", "admins", "employees");
        var carol = ReferenceMarker.Lookup(Key, NewPool, "carol", "carol-old");
        NewUser("alice", alice);
        NewUser("carol", carol);
        NewUser("mallory", ReferenceMarker.Groups(OtherKey, NewPool, "mallory", "admins"));

        var result = await Settle("--old-pool", OldPool, "--dry-run", "--delete-rejected");

        result.ExitCode.ShouldBe(1, result.ToString());
        Writes().ShouldBeEmpty();
        _pool.GroupsOf("alice", NewPool).ShouldBeEmpty();
        MarkerOf("alice").ShouldBe(alice);
        MarkerOf("carol").ShouldBe(carol);
        result.Out.ShouldContain("dry run: nothing is written");
        result.Out.ShouldContain("would settle  alice: admins, employees; then delete the marker");
        result.Out.ShouldContain("would settle  carol: admins, migrated (looked up in the old pool)");
        result.Out.ShouldContain("REJECTED      mallory");
        result.Out.ShouldContain("2 would be settled, 1 rejected, 0 failed");
    }

    [Fact]
    public async Task Settle_DeleteRejected_DeletesOnlyTheMarker_AddsNothing()
    {
        NewUser("mallory", ReferenceMarker.Groups(OtherKey, NewPool, "mallory", "admins"));

        var result = await Settle("--delete-rejected", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        MarkerOf("mallory").ShouldBeNull();
        _pool.GroupsOf("mallory", NewPool).ShouldBeEmpty();
        _pool.Calls.ShouldNotContain(c => c.Operation == "AdminAddUserToGroup");
        result.Json().GetProperty("users")[0].GetProperty("outcome").GetString().ShouldBe("rejected_deleted");
    }

    [Fact]
    public async Task Settle_ThrottledWrite_RetriedAfterBackoff_Settled()
    {
        NewUser("alice", ReferenceMarker.Groups(Key, NewPool, "alice", "admins"));
        _pool.Script("AdminAddUserToGroup", "alice", ScriptedAnswer.Throttled(), ScriptedAnswer.FromUsers);

        var result = await Settle("--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        _pool.GroupsOf("alice", NewPool).ShouldBe(["admins"]);
        MarkerOf("alice").ShouldBeNull();
        result.Json().GetProperty("throttledRetries").GetInt32().ShouldBe(1);
    }

    [Theory]
    [InlineData("AdminAddUserToGroup")]
    [InlineData("AdminDeleteUserAttributes")]
    public async Task Settle_UpstreamFails_MarkerKept_UserListed_Exit1_NoUpstreamText(string operation)
    {
        var marker = ReferenceMarker.Groups(Key, NewPool, "alice", "admins");
        NewUser("alice", marker);
        NewUser("bob", ReferenceMarker.Groups(Key, NewPool, "bob", "readers"));
        _pool.Script(operation, "alice", ScriptedAnswer.InternalError());

        var result = await Settle();

        result.ExitCode.ShouldBe(1, result.ToString());
        MarkerOf("alice").ShouldBe(marker);
        MarkerOf("bob").ShouldBeNull();
        _pool.GroupsOf("bob", NewPool).ShouldBe(["readers"]);
        result.Out.ShouldContain("FAILED        alice: ServerError (InternalErrorException); the marker is kept");
        result.Out.ShouldNotContain("An internal error occurred");
        result.Out.ShouldContain("1 settled");
    }

    [Fact]
    public async Task Settle_KeyParameterIsNotAKey_Exit2_ValueNeverShown()
    {
        _store.Put(KeyName, "not-a-key-but-a-secret-value", "SecureString");
        NewUser("alice", ReferenceMarker.Groups(Key, NewPool, "alice", "admins"));

        var result = await Settle("--json");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Json().GetProperty("error").GetProperty("kind").GetString().ShouldBe("invalid_key");
        result.ToString().ShouldNotContain("not-a-key-but-a-secret-value");
        _pool.CallCount("ListUsers").ShouldBe(0);
    }

    [Fact]
    public async Task Settle_MapWithoutGroups_Exit2_InvalidMap_Exit1_NoPoolCall()
    {
        var noGroups = await CliRun.RunAsync(CliRun.Environment(_pool.Endpoint, _store.Endpoint),
            "groups", "settle", "--new-pool", NewPool, "--key-parameter", KeyName, "--map", CliRun.TempMap("""{ "version": 1, "rules": [] }"""));
        var invalid = await CliRun.RunAsync(CliRun.Environment(_pool.Endpoint, _store.Endpoint),
            "groups", "settle", "--new-pool", NewPool, "--key-parameter", KeyName, "--map", CliRun.TempMap("""{ "version": 1, "rules": [ { "op": "cpy" } ] }"""));

        noGroups.ExitCode.ShouldBe(2, noGroups.ToString());
        noGroups.Error.ShouldContain("no groups section");
        invalid.ExitCode.ShouldBe(1, invalid.ToString());
        _pool.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Settle_MapFromTheParameter_SameAsTheFile()
    {
        _store.Put("/attrmapper/map", MapJson);
        NewUser("alice", ReferenceMarker.Groups(Key, NewPool, "alice", "admins"));

        var result = await CliRun.RunAsync(CliRun.Environment(_pool.Endpoint, _store.Endpoint),
            "groups", "settle", "--new-pool", NewPool, "--key-parameter", KeyName, "--parameter", "/attrmapper/map");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("map /attrmapper/map version 1, marker custom:pending_groups");
        _pool.GroupsOf("alice", NewPool).ShouldBe(["admins"]);
    }
}
