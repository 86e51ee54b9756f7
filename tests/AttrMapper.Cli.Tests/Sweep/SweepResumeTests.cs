using System.Text.Json;

namespace AttrMapper.Cli.Tests.Sweep;

/// <summary>A sweep interrupted at each of its steps, then run again with --resume: everyone is imported exactly once.</summary>
public sealed class SweepResumeTests
{
    private sealed class Interrupted(string step) : Exception($"interrupted at {step}");

    private static readonly string[] Eligible = ["u1", "u2", "u3", "u4", "u5", "u6"];

    private static CliTuning InterruptAt(string step, int file) => CliRun.FastTuning with
    {
        SweepCheckpoint = (at, index) =>
        {
            if (at == step && index == file)
            {
                throw new Interrupted(step);
            }
        },
    };

    private static async Task<SweepFixture> SixUsersAsync()
    {
        var f = await SweepFixture.StartAsync();
        foreach (var name in Eligible)
        {
            f.AddOld(name);
        }

        f.AddOld("x-disabled", enabled: false);
        return f;
    }

    [Theory]
    [InlineData("listed", 0)]
    [InlineData("created-unrecorded", 2)]
    [InlineData("created", 2)]
    [InlineData("uploaded", 2)]
    [InlineData("started-unrecorded", 2)]
    [InlineData("started", 2)]
    [InlineData("following", 2)]
    [InlineData("following", 3)]
    public async Task Resume_AfterAnInterruptionAtEachStep_ImportsEveryoneExactlyOnce(string step, int file)
    {
        await using var f = await SixUsersAsync();
        var limits = new[] { "--max-users-per-file", "2" };

        await Should.ThrowAsync<Interrupted>(() => f.RunAsync(InterruptAt(step, file), f.ImportArgs(limits)));

        // u6 (in the third file, which has no job yet at any of these steps but the last) signs in meanwhile.
        if (file < 3)
        {
            f.AddNew("u6");
        }

        var resumed = await f.RunAsync(f.ImportArgs([.. limits, "--resume", "--json"]));

        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        f.Pool.Usernames(SweepFixture.NewPool).ShouldBe(Eligible);
        var imported = file < 3 ? Eligible[..5] : Eligible;
        foreach (var name in imported)
        {
            f.Pool.FindUser(name, SweepFixture.NewPool)!.Status.ShouldBe("RESET_REQUIRED", name);
        }

        // The peer skips a row whose user exists: nobody skipped means nobody came twice.
        var json = resumed.Json();
        json.GetProperty("imported").GetInt64().ShouldBe(imported.Length, resumed.Out);
        json.GetProperty("skipped").GetInt64().ShouldBe(0, resumed.Out);
        json.GetProperty("failed").GetInt64().ShouldBe(0, resumed.Out);
        f.Calls("StartUserImportJob").ShouldBe(json.GetProperty("files").EnumerateArray().Count(j => j.GetProperty("step").GetString() == "finished"));
        var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(f.Out, "sweep-state.json"))).RootElement;
        state.GetProperty("files").EnumerateArray().Select(j => j.GetProperty("step").GetString()).ShouldAllBe(s => s == "finished");
        if (file < 3)
        {
            f.NotTaken().ShouldContain(("in_new_pool", "u6"));
        }
    }

    [Fact]
    public async Task Resume_AfterCreateNotRecorded_FindsTheJobByNameAndCreatesNoSecond()
    {
        await using var f = await SixUsersAsync();

        await Should.ThrowAsync<Interrupted>(() => f.RunAsync(InterruptAt("created-unrecorded", 1), f.ImportArgs()));
        var resumed = await f.RunAsync(f.ImportArgs("--resume"));

        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        f.Calls("CreateUserImportJob").ShouldBe(1);
        f.Calls("ListUserImportJobs").ShouldBeGreaterThan(0);
        f.Pool.Usernames(SweepFixture.NewPool).ShouldBe(Eligible);
    }

    [Fact]
    public async Task Sweep_OutHoldsASweep_WithoutResumeIsRefused()
    {
        await using var f = await SixUsersAsync();
        await Should.ThrowAsync<Interrupted>(() => f.RunAsync(InterruptAt("created", 1), f.ImportArgs()));
        var creates = f.Calls("CreateUserImportJob");

        var again = await f.RunAsync(f.ImportArgs());

        again.ExitCode.ShouldBe(2, again.ToString());
        again.Error.ShouldContain("--resume");
        f.Calls("CreateUserImportJob").ShouldBe(creates);
    }

    [Fact]
    public async Task Resume_WithAnotherMap_IsRefused()
    {
        await using var f = await SixUsersAsync();
        await Should.ThrowAsync<Interrupted>(() => f.RunAsync(InterruptAt("created", 1), f.ImportArgs()));
        var other = CliRun.TempMap(SweepFixture.Map.Replace("\"name\"", "\"nickname\"", StringComparison.Ordinal));

        var again = await CliRun.RunAsync(f.Environment,
            ["sweep", "--old-pool", SweepFixture.OldPool, "--new-pool", SweepFixture.NewPool, "--map", other, "--out", f.Out, "--logs-role-arn", SweepFixture.Role, "--resume"]);

        again.ExitCode.ShouldBe(2, again.ToString());
        again.Error.ShouldContain("was swept with the map");
        File.Delete(other);
    }

    [Fact]
    public async Task Resume_FileEditedBeforeUpload_IsNotUploaded()
    {
        await using var f = await SixUsersAsync();
        await Should.ThrowAsync<Interrupted>(() => f.RunAsync(InterruptAt("created", 1), f.ImportArgs()));
        File.AppendAllText(Path.Combine(f.Out, "users-0001.csv"), "x\n");

        var again = await f.RunAsync(f.ImportArgs("--resume"));

        again.ExitCode.ShouldBe(2, again.ToString());
        again.Error.ShouldContain("has changed since the sweep wrote it");
        f.Calls(LocalPeers.ScriptedOldPool.UploadOperation).ShouldBe(0);
    }
}
