using System.Security.Cryptography;
using AttrMapper.Groups;
using AttrMapper.LocalPeers;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Cli.Tests.Sweep;

/// <summary>The sweep's file limits, its group markers, and its ListUsers pace.</summary>
public sealed class SweepLimitsAndGroupsTests
{
    private const string GroupsMap = """
        {
          "version": 1,
          "rules": [ { "op": "copy", "from": "email" }, { "op": "copy", "from": "email_verified" } ],
          "groups": {
            "marker": "custom:pending_groups",
            "unmapped": "drop",
            "rules": [ { "op": "copy", "from": "admins" }, { "op": "rename", "from": "staff", "to": "employees" } ]
          }
        }
        """;

    [Fact]
    public async Task Sweep_UsersLimitTurnedDown_SplitsIntoFilesOfAtMostThatManyAndImportsEveryone()
    {
        await using var f = await SweepFixture.StartAsync();
        var names = Enumerable.Range(0, 10).Select(i => $"user{i:D2}").ToArray();
        foreach (var name in names)
        {
            f.AddOld(name);
        }

        var result = await f.RunAsync(f.ImportArgs("--max-users-per-file", "3", "--json"));

        result.ExitCode.ShouldBe(0, result.ToString());
        var files = result.Json().GetProperty("files").EnumerateArray().ToList();
        files.Select(j => j.GetProperty("users").GetInt32()).ShouldBe([3, 3, 3, 1]);
        files.Select(j => j.GetProperty("imported").GetInt64()).ShouldBe([3, 3, 3, 1]);
        f.Calls("CreateUserImportJob").ShouldBe(4);
        f.Pool.Usernames(SweepFixture.NewPool).ShouldBe(names);
    }

    [Fact]
    public async Task Sweep_BytesLimitTurnedDown_KeepsEveryFileWithinItAndImportsEveryone()
    {
        await using var f = await SweepFixture.StartAsync();
        var names = Enumerable.Range(0, 12).Select(i => $"user{i:D2}").ToArray();
        foreach (var name in names)
        {
            f.AddOld(name, extra: [new("name", new string('n', 150))]);
        }

        var result = await f.RunAsync(f.ImportArgs("--max-bytes-per-file", "1200", "--json"));

        result.ExitCode.ShouldBe(0, result.ToString());
        var files = Directory.GetFiles(f.Out, "users-*.csv");
        files.Length.ShouldBeGreaterThan(2);
        files.ShouldAllBe(path => new FileInfo(path).Length <= 1200);
        files.Sum(path => ImportCsv.Read(File.ReadAllText(path)).Count - 1).ShouldBe(names.Length);
        f.Pool.Usernames(SweepFixture.NewPool).ShouldBe(names);
    }

    [Fact]
    public async Task Sweep_MapWithGroups_EachRowCarriesAMarkerTheFunctionVerifiesForThatUserPoolAndKeyOnly()
    {
        await using var f = await SweepFixture.StartAsync(GroupsMap);
        await using var ssm = await LocalParameterStore.StartAsync();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var version = ssm.Put("/attrmapper/key", key, "SecureString");
        f.AddOld("alice");
        f.AddOld("bob");
        f.AddOld("carl");
        f.Pool.CreateGroups(SweepFixture.OldPool, "admins", "staff", "beta");
        f.Pool.AddUserToGroup("alice", "admins", SweepFixture.OldPool);
        f.Pool.AddUserToGroup("alice", "staff", SweepFixture.OldPool);
        f.Pool.AddUserToGroup("bob", "beta", SweepFixture.OldPool);
        var env = CliRun.Environment(f.Pool.Endpoint, ssm.Endpoint);

        var result = await CliRun.RunAsync(env, f.ImportArgs("--key-parameter", "/attrmapper/key"));

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldNotContain(key);
        var markers = ImportMarkers.Create(key, version, SweepFixture.NewPool, [])!;
        var alice = Attributes("alice");
        (await markers.VerifiedGroupsAsync(SweepFixture.NewPool, "alice", alice, alice["custom:pending_groups"], default)).ShouldBe(["admins", "employees"]);

        // Only bob's own name, this pool and this key verify it; bob's groups map to none, so he carries no marker at all.
        (await markers.VerifiedGroupsAsync(SweepFixture.NewPool, "bob", alice, alice["custom:pending_groups"], default)).ShouldBeNull();
        (await markers.VerifiedGroupsAsync("eu-west-1_OtherPool", "alice", alice, alice["custom:pending_groups"], default)).ShouldBeNull();
        var otherKey = ImportMarkers.Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), 1, SweepFixture.NewPool, [])!;
        (await otherKey.VerifiedGroupsAsync(SweepFixture.NewPool, "alice", alice, alice["custom:pending_groups"], default)).ShouldBeNull();
        var marker = alice["custom:pending_groups"];
        var parts = marker.Split('.');
        var tampered = $"{parts[0]}.{(parts[1][0] == 'A' ? 'B' : 'A')}{parts[1][1..]}.{parts[2]}";
        (await markers.VerifiedGroupsAsync(SweepFixture.NewPool, "alice", alice, tampered, default)).ShouldBeNull();
        var shapeOnly = $"v1.{Convert.ToBase64String("[\"admins\"]"u8.ToArray()).TrimEnd('=')}.{new string('A', 43)}";
        (await markers.VerifiedGroupsAsync(SweepFixture.NewPool, "alice", alice, shapeOnly, default)).ShouldBeNull();
        Attributes("bob").ShouldNotContainKey("custom:pending_groups");
        Attributes("carl").ShouldNotContainKey("custom:pending_groups");
        f.Calls("AdminListGroupsForUser").ShouldBe(3);

        Dictionary<string, string> Attributes(string name) =>
            f.Pool.FindUser(name, SweepFixture.NewPool)!.Attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
    }

    [Fact]
    public async Task Sweep_MapWithGroupsWithoutKeyParameter_IsAUsageErrorBeforeAnyCall()
    {
        await using var f = await SweepFixture.StartAsync(GroupsMap);
        f.AddOld("alice");

        var result = await f.RunAsync(f.Args("--dry-run"));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--key-parameter");
        f.Pool.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Sweep_OnAFakeClock_ListsBothPoolsNoFasterThanThirtyCallsASecond()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        await using var f = await SweepFixture.StartAsync();
        for (var i = 0; i < 300; i++)
        {
            f.AddOld($"user{i:D3}");
        }

        for (var i = 0; i < 130; i++)
        {
            f.AddNew($"new{i:D3}");
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = f.Environment;
        var tuning = CliRun.FastTuning with { AttemptTimeout = TimeSpan.FromHours(1) };
        var context = new CliContext(output, error, name => env.TryGetValue(name, out var v) ? v : null, time, ErrorIsTerminal: false, tuning);
        var start = time.GetUtcNow();
        var run = CliApp.RunAsync([.. f.Args("--dry-run", "--rate", "30")], context);
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (!run.IsCompleted)
        {
            hang.IsCancellationRequested.ShouldBeFalse("the sweep did not finish");
            await Task.Delay(1, CancellationToken.None);
            time.Advance(TimeSpan.FromMilliseconds(5));
        }

        (await run).ShouldBe(0, error.ToString());
        var calls = f.Calls("ListUsers");
        calls.ShouldBe(3 + 5);

        // One limiter for both pools: the calls after the first waited their turn, 1/30 s each, whichever pool they listed.
        (time.GetUtcNow() - start).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds((calls - 1) / 30.0));
    }
}
