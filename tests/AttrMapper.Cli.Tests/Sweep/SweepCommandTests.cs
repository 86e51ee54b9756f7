using AttrMapper.LocalPeers;

namespace AttrMapper.Cli.Tests.Sweep;

/// <summary><c>attrmapper sweep</c> end to end against the scripted pools' user import.</summary>
public sealed class SweepCommandTests
{
    private static async Task<SweepFixture> MixedPoolAsync()
    {
        var f = await SweepFixture.StartAsync();
        f.AddOld("alice");
        f.AddOld("bob", status: "RESET_REQUIRED");
        f.AddOld("carol", enabled: false);
        f.AddOld("dave", status: "UNCONFIRMED");
        f.AddOld("erin", verified: "false");
        f.AddOld("frank");
        f.AddOld("gina", status: "FORCE_CHANGE_PASSWORD");
        f.AddOld("hank", extra: [new("name", "Hank, \"the\" tank\\")]);
        f.AddNew("frank");
        return f;
    }

    [Fact]
    public async Task Sweep_MixedPool_ImportsTheEligibleAndListsEveryoneElseWithTheirReason()
    {
        await using var f = await MixedPoolAsync();

        var result = await f.RunAsync(f.ImportArgs("--json"));

        result.ExitCode.ShouldBe(0, result.ToString());
        f.Pool.Usernames(SweepFixture.NewPool).ShouldBe(["alice", "bob", "frank", "hank"]);
        f.Pool.FindUser("alice", SweepFixture.NewPool)!.Status.ShouldBe("RESET_REQUIRED");
        f.Pool.FindUser("hank", SweepFixture.NewPool)!.Attributes.ShouldContain(new KeyValuePair<string, string>("name", "Hank, \"the\" tank\\"));
        f.Pool.FindUser("alice", SweepFixture.NewPool)!.Attributes.ShouldContain(new KeyValuePair<string, string>("custom:tenant_id", "acme"));
        f.NotTaken().ShouldBe(
        [
            ("disabled", "carol"), ("not_eligible", "dave"), ("no_verified_contact", "erin"), ("in_new_pool", "frank"), ("not_eligible", "gina"),
        ], ignoreOrder: true);
        var json = result.Json();
        json.GetProperty("taken").GetInt64().ShouldBe(3);
        json.GetProperty("imported").GetInt64().ShouldBe(3);
        json.GetProperty("failed").GetInt64().ShouldBe(0);
        json.GetProperty("notTakenByReason").GetProperty("not_eligible").GetInt64().ShouldBe(2);
        json.GetProperty("files")[0].GetProperty("status").GetString().ShouldBe("Succeeded");
        f.Calls("CreateUserImportJob").ShouldBe(1);
        f.Calls("StartUserImportJob").ShouldBe(1);
        f.Calls(ScriptedOldPool.UploadOperation).ShouldBe(1);
    }

    [Fact]
    public async Task Sweep_DryRun_WritesTheFilesAndReportAndSendsNoWrite()
    {
        await using var f = await MixedPoolAsync();

        var result = await f.RunAsync(f.Args("--dry-run"));

        result.ExitCode.ShouldBe(0, result.ToString());
        f.Calls("CreateUserImportJob").ShouldBe(0);
        f.Calls("StartUserImportJob").ShouldBe(0);
        f.Calls(ScriptedOldPool.UploadOperation).ShouldBe(0);
        f.Pool.Calls.Select(c => c.Operation).Distinct().Order().ShouldBe(["DescribeUserPool", "GetCSVHeader", "ListUsers"]);
        f.Pool.Usernames(SweepFixture.NewPool).ShouldBe(["frank"]);
        var csv = File.ReadAllText(Path.Combine(f.Out, "users-0001.csv"));
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1 + 3);
        File.Exists(Path.Combine(f.Out, "report.json")).ShouldBeTrue();
        File.Exists(Path.Combine(f.Out, "sweep-state.json")).ShouldBeFalse();
        result.Out.ShouldContain("dry run: nothing was sent to Cognito");
        result.Out.ShouldContain("taken: 3 users in 1 file(s); not taken: 5");
    }

    [Fact]
    public async Task Sweep_WithoutLogsRole_IsAUsageErrorAndTouchesNothing()
    {
        await using var f = await MixedPoolAsync();

        var result = await f.RunAsync(f.Args());

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--logs-role-arn");
        f.Pool.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Sweep_UploadRefused_GivesTheJobUpExitsOneAndAResumeImportsEveryone()
    {
        await using var f = await MixedPoolAsync();
        f.Pool.Script(ScriptedOldPool.UploadOperation, null,
            ScriptedAnswer.Raw(403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", "application/xml"), ScriptedAnswer.FromUsers);

        var first = await f.RunAsync(f.ImportArgs());

        first.ExitCode.ShouldBe(1, first.ToString());
        first.Out.ShouldContain("abandoned");
        first.Out.ShouldNotContain("Request has expired");
        f.Calls("StartUserImportJob").ShouldBe(0);
        f.Pool.Usernames(SweepFixture.NewPool).ShouldBe(["frank"]);

        var resumed = await f.RunAsync(f.ImportArgs("--resume", "--json"));

        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        f.Pool.Usernames(SweepFixture.NewPool).ShouldBe(["alice", "bob", "frank", "hank"]);
        resumed.Json().GetProperty("imported").GetInt64().ShouldBe(3);
        resumed.Json().GetProperty("files").EnumerateArray().Select(j => j.GetProperty("step").GetString()).ShouldBe(["replaced", "finished"]);
    }

    [Fact]
    public async Task Sweep_JobEndsFailed_ExitsOneSaysSoAndAResumeImportsEveryone()
    {
        await using var f = await MixedPoolAsync();
        var limit = f.Pool.Import.MaxBytesPerFile;
        f.Pool.Import.MaxBytesPerFile = 16; // Cognito fails the whole job: the file is larger than it takes

        var first = await f.RunAsync(f.ImportArgs());

        first.ExitCode.ShouldBe(1, first.ToString());
        first.Out.ShouldContain("Failed: imported 0, skipped 0, failed 0; why: CompletionMessage of `aws cognito-idp describe-user-import-job --user-pool-id eu-west-1_SweepNew1 --job-id ");
        first.Out.ShouldContain("--resume lists the others again");
        first.Out.ShouldNotContain("larger than"); // Cognito's own text stays Cognito's: the sweep prints none
        f.Calls("StartUserImportJob").ShouldBe(1);
        f.Pool.Usernames(SweepFixture.NewPool).ShouldBe(["frank"]);

        f.Pool.Import.MaxBytesPerFile = limit;
        var resumed = await f.RunAsync(f.ImportArgs("--resume", "--json"));

        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        f.Pool.Usernames(SweepFixture.NewPool).ShouldBe(["alice", "bob", "frank", "hank"]);
        var files = resumed.Json().GetProperty("files").EnumerateArray().ToList();
        files.Select(j => (j.GetProperty("step").GetString(), j.GetProperty("status").GetString())).ShouldBe([("replaced", "Failed"), ("finished", "Succeeded")]);
        resumed.Json().GetProperty("imported").GetInt64().ShouldBe(3);
        f.Calls("CreateUserImportJob").ShouldBe(2);
    }

    [Fact]
    public async Task Sweep_AnotherImportRunningInTheAccount_WaitsForItThenStarts()
    {
        await using var f = await MixedPoolAsync();
        f.Pool.Script("StartUserImportJob", null,
            ScriptedAnswer.Error("PreconditionNotMetException", "Another user import job is already running in this account."),
            ScriptedAnswer.Error("PreconditionNotMetException", "Another user import job is already running in this account."),
            ScriptedAnswer.FromUsers);

        var result = await f.RunAsync(f.ImportArgs());

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Error.ShouldContain("another user import job is running in this account");
        f.Calls("StartUserImportJob").ShouldBe(3);
        f.Calls("CreateUserImportJob").ShouldBe(1);
        f.Pool.Usernames(SweepFixture.NewPool).ShouldBe(["alice", "bob", "frank", "hank"]);
    }

    [Fact]
    public async Task Sweep_Human_SaysWhatCameAcrossAndWhatDidNot()
    {
        await using var f = await MixedPoolAsync();

        var result = await f.RunAsync(f.ImportArgs());

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("taken: 3 users in 1 file(s); not taken: 5 (disabled 1, in_new_pool 1, no_verified_contact 1, not_eligible 2)");
        result.Out.ShouldContain("imported 3, skipped 0 (already in the new pool), failed 0");
        result.Out.ShouldNotContain("X-Amz-Signature");
        File.ReadAllText(Path.Combine(f.Out, "sweep-state.json")).ShouldNotContain("X-Amz-Signature");
    }
}
