using System.Diagnostics;
using System.Text.Json;
using AttrMapper.LocalPeers;

namespace AttrMapper.Cli.Tests;

/// <summary>
/// The Native AOT executable that `make cli` publishes (make test does it first), run as a script would run it: real
/// process, real environment variables, real exit codes. Catches what only AOT breaks (trimming, type loading).
/// </summary>
public sealed class PublishedCliTests : IAsyncLifetime
{
    private const string Secret = "published-cli-secret-key";
    private LocalParameterStore _store = null!;
    private ScriptedOldPool _pool = null!;

    public async Task InitializeAsync()
    {
        _store = await LocalParameterStore.StartAsync();
        _pool = await ScriptedOldPool.StartAsync("eu-west-1_OldPool1");
        _pool.AddUser(new FakeUser
        {
            Username = "alice", Password = "unused",
            Attributes = [new("email", "alice@example.com"), new("email_verified", "true"), new("custom:tenant", "acme")],
        });
        _pool.AddPool("eu-west-1_NewPool1");
    }

    public async Task DisposeAsync()
    {
        await _pool.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Published_ValidateInvalidMap_ExitsOneWithJson()
    {
        var (code, output, _) = await RunAsync("map", "validate", CliRun.TempMap(MapTexts.UnknownOp), "--json");

        code.ShouldBe(1);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("findings")[0].GetProperty("path").GetString().ShouldBe("$.rules[0].op");
    }

    [Fact]
    public async Task Published_PushPullDiff_RoundTripThroughParameterStore()
    {
        var file = CliRun.TempMap(MapTexts.Tenant);

        var push = await RunAsync("map", "push", file, "--parameter", "/attrmapper/map");
        var pull = await RunAsync("map", "pull", "--parameter", "/attrmapper/map");
        var same = await RunAsync("map", "diff", file, "--parameter", "/attrmapper/map");
        var changed = await RunAsync("map", "diff", CliRun.TempMap(MapTexts.TenantChanged), "--parameter", "/attrmapper/map");

        push.Code.ShouldBe(0, push.Error);
        push.Out.ShouldContain("version 1");
        pull.Out.ShouldBe(MapTexts.Tenant + "\n");
        same.Code.ShouldBe(0);
        changed.Code.ShouldBe(1);
        foreach (var run in new[] { push, pull, same, changed })
        {
            (run.Out + run.Error).ShouldNotContain(Secret);
        }
    }

    [Fact]
    public async Task Published_PreviewAndProgress_AgainstTheScriptedPool()
    {
        var preview = await RunAsync("preview", "alice", "--old-pool", "eu-west-1_OldPool1", "--map", CliRun.TempMap(MapTexts.Tenant), "--json");
        var progress = await RunAsync("progress", "--old-pool", "eu-west-1_OldPool1", "--new-pool", "eu-west-1_NewPool1");

        preview.Code.ShouldBe(0, preview.Error);
        using (var json = JsonDocument.Parse(preview.Out))
        {
            json.RootElement.GetProperty("newAttributes").GetProperty("custom:tenant_id").GetString().ShouldBe("acme");
        }

        progress.Code.ShouldBe(0, progress.Error);
        progress.Out.ShouldContain("migrated: 0 of 1 old users");
        progress.Error.ShouldNotContain("\r");
    }

    [Fact]
    public async Task Published_PreviewAndProgressWithSelect_SayWhetherThisPoolTakesTheUser()
    {
        _pool.AddUser(new FakeUser { Username = "gina", Password = "unused", Attributes = [new("email", "gina@globex.com"), new("custom:tenant", "globex")] });
        _store.Put("/published/select", MapTexts.SelectAcme);

        var preview = await RunAsync("preview", "gina", "--old-pool", "eu-west-1_OldPool1", "--parameter", "/published/select", "--json");
        var progress = await RunAsync("progress", "--old-pool", "eu-west-1_OldPool1", "--new-pool", "eu-west-1_NewPool1", "--parameter", "/published/select", "--json");

        preview.Code.ShouldBe(0, preview.Error);
        using (var json = JsonDocument.Parse(preview.Out))
        {
            json.RootElement.GetProperty("selection").GetProperty("selected").GetBoolean().ShouldBeFalse();
            json.RootElement.GetProperty("answers")[0].GetProperty("reason").GetString().ShouldBe("not_selected");
        }

        progress.Code.ShouldBe(0, progress.Error);
        using (var json = JsonDocument.Parse(progress.Out))
        {
            json.RootElement.GetProperty("oldUsers").GetInt64().ShouldBe(1);
            json.RootElement.GetProperty("notThisPools").GetInt64().ShouldBe(1);
        }
    }

    [Fact]
    public async Task Published_Sweep_ImportsThroughTheJobAndWritesStateAndReport()
    {
        _pool.AddUser(new FakeUser { Username = "bert", Password = "unused", Enabled = false, Attributes = [new("email", "bert@example.com"), new("email_verified", "true")] });
        var map = CliRun.TempMap("""{ "version": 1, "rules": [ { "op": "copy", "from": "email" }, { "op": "copy", "from": "email_verified" } ] }""");
        var dir = Path.Combine(Path.GetTempPath(), "attrmapper-published-sweep-" + Guid.NewGuid().ToString("N"));

        var (code, output, error) = await RunAsync("sweep", "--old-pool", "eu-west-1_OldPool1", "--new-pool", "eu-west-1_NewPool1", "--map", map,
            "--out", dir, "--logs-role-arn", "arn:aws:iam::111122223333:role/import-logs", "--poll-seconds", "0.05", "--json");

        code.ShouldBe(0, error);
        using (var json = JsonDocument.Parse(output))
        {
            json.RootElement.GetProperty("imported").GetInt64().ShouldBe(1);
            json.RootElement.GetProperty("notTakenByReason").GetProperty("disabled").GetInt64().ShouldBe(1);
        }

        _pool.FindUser("alice", "eu-west-1_NewPool1")!.Status.ShouldBe("RESET_REQUIRED");
        using (var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "sweep-state.json"))))
        {
            state.RootElement.GetProperty("files")[0].GetProperty("step").GetString().ShouldBe("finished");
        }

        Directory.Delete(dir, recursive: true);
        File.Delete(map);
    }

    private static string BinaryPath()
    {
        var path = Environment.GetEnvironmentVariable("ATTRMAPPER_CLI") is { Length: > 0 } given ? given : Path.Combine(RepoRoot(), "artifacts", "cli", "attrmapper");
        File.Exists(path).ShouldBeTrue($"no published CLI at {path}: run `make cli` (make test does) or set ATTRMAPPER_CLI");
        return path;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AttrMapper.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AttrMapper.sln not found above the test binaries.");
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(BinaryPath(), args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SSM", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "CI" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["AWS_ACCESS_KEY_ID"] = "AKIDPUBLISHEDCLI";
        info.Environment["AWS_SECRET_ACCESS_KEY"] = Secret;
        info.Environment["AWS_REGION"] = "eu-west-1";
        info.Environment["AWS_ENDPOINT_URL_SSM"] = _store.Endpoint.ToString();

        // The global variable, as a local stack that serves every service on one port would set it.
        info.Environment["AWS_ENDPOINT_URL"] = _pool.Endpoint.ToString();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
