using AttrMapper.LocalPeers;

namespace AttrMapper.Cli.Tests.Commands;

/// <summary>push, pull and diff through the real SSM client against the local Parameter Store.</summary>
public sealed class MapParameterCommandsTests : IAsyncLifetime
{
    private const string Name = "/attrmapper/map";
    private LocalParameterStore _store = null!;

    public async Task InitializeAsync() => _store = await LocalParameterStore.StartAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Push_ValidMap_WritesItAndPrintsTheNewVersion()
    {
        var first = await RunAsync("map", "push", CliRun.TempMap(MapTexts.Tenant), "--parameter", Name);
        var second = await RunAsync("map", "push", CliRun.TempMap(MapTexts.TenantChanged), "--parameter", Name, "--json");

        first.ExitCode.ShouldBe(0, first.ToString());
        first.Out.ShouldContain($"to {Name}: version 1 (new parameter)");
        second.ExitCode.ShouldBe(0, second.ToString());
        var json = second.Json();
        json.GetProperty("pushed").GetBoolean().ShouldBeTrue();
        json.GetProperty("version").GetInt64().ShouldBe(2);
        json.GetProperty("previousVersion").GetInt64().ShouldBe(1);
        _store.PutParameterCalls.ShouldBe(2);
    }

    [Fact]
    public async Task Push_InvalidMap_WritesNothingAndExitsOne()
    {
        _store.Put(Name, MapTexts.Tenant);

        var result = await RunAsync("map", "push", CliRun.TempMap(MapTexts.UnknownOp), "--parameter", Name, "--json");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Json().GetProperty("pushed").GetBoolean().ShouldBeFalse();
        _store.PutParameterCalls.ShouldBe(0);
        _store.GetParameterCalls.ShouldBe(0);
        (await RunAsync("map", "pull", "--parameter", Name)).Out.ShouldBe(MapTexts.Tenant + "\n");
    }

    [Fact]
    public async Task Push_MissingFile_ExitsTwoWithoutCallingSsm()
    {
        var result = await RunAsync("map", "push", "/nonexistent/map.json", "--parameter", Name);

        result.ExitCode.ShouldBe(2, result.ToString());
        _store.PutParameterCalls.ShouldBe(0);
    }

    [Fact]
    public async Task Push_Throttled_ExitsThree()
    {
        _store.Failure = ParameterStoreFailure.Throttle;

        var result = await RunAsync("map", "push", CliRun.TempMap(MapTexts.Tenant), "--parameter", Name, "--json");

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Json().GetProperty("error").GetProperty("kind").GetString().ShouldBe("throttled");
    }

    [Fact]
    public async Task Push_NoRegion_IsAUsageError()
    {
        var env = CliRun.Environment(ssm: _store.Endpoint);
        env.Remove("AWS_REGION");

        var result = await CliRun.RunAsync(env, "map", "push", CliRun.TempMap(MapTexts.Tenant), "--parameter", Name);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("AWS_REGION");
    }

    [Fact]
    public async Task Pull_PrintsTheStoredDocumentExactly_AndTheVersionOnStderr()
    {
        _store.Put(Name, MapTexts.Tenant);
        _store.Put(Name, MapTexts.TenantChanged);

        var result = await RunAsync("map", "pull", "--parameter", Name);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldBe(MapTexts.TenantChanged + "\n");
        result.Error.ShouldContain("version 2, valid");
    }

    [Fact]
    public async Task Pull_ToFileWithJson_WritesTheFileAndDescribesIt()
    {
        _store.Put(Name, MapTexts.UnknownOp);
        var file = Path.Combine(Path.GetTempPath(), "attrmapper-pull-" + Guid.NewGuid().ToString("N") + ".json");

        var result = await RunAsync("map", "pull", "--parameter", Name, "--output", file, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        (await File.ReadAllTextAsync(file)).ShouldBe(MapTexts.UnknownOp);
        var json = result.Json();
        json.GetProperty("version").GetInt64().ShouldBe(1);
        json.GetProperty("valid").GetBoolean().ShouldBeFalse();
        json.GetProperty("findings")[0].GetProperty("path").GetString().ShouldBe("$.rules[0].op");
    }

    [Fact]
    public async Task Pull_UnknownParameter_ExitsFour()
    {
        var result = await RunAsync("map", "pull", "--parameter", "/no/such/parameter");

        result.ExitCode.ShouldBe(4, result.ToString());
        result.Error.ShouldContain("parameter /no/such/parameter does not exist");
    }

    [Fact]
    public async Task Diff_SameRulesInAnotherOrder_ExitsZero()
    {
        _store.Put(Name, MapTexts.Tenant);

        var result = await RunAsync("map", "diff", CliRun.TempMap(MapTexts.TenantReordered), "--parameter", Name);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("no difference");
    }

    [Fact]
    public async Task Diff_ChangedMap_ListsEveryChangeAndExitsOne()
    {
        _store.Put(Name, MapTexts.Tenant);

        var result = await RunAsync("map", "diff", CliRun.TempMap(MapTexts.TenantChanged), "--parameter", Name);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Out.ShouldContain("- copy email_verified");
        result.Out.ShouldContain("+ copy phone_number");
        result.Out.ShouldContain("~ default custom:plan: default custom:plan = \"free\" -> default custom:plan = \"pro\"");
        result.Out.ShouldContain("~ $.user.finalUserStatus: CONFIRMED -> RESET_REQUIRED");
        result.Out.ShouldNotContain("rename custom:tenant");
    }

    [Fact]
    public async Task Diff_Json_ListsChangesForPrograms()
    {
        _store.Put(Name, MapTexts.Tenant);

        var result = await RunAsync("map", "diff", CliRun.TempMap(MapTexts.TenantChanged), "--parameter", Name, "--json");

        result.ExitCode.ShouldBe(1);
        var json = result.Json();
        json.GetProperty("different").GetBoolean().ShouldBeTrue();
        var changes = json.GetProperty("changes").EnumerateArray().ToList();
        changes.Count.ShouldBe(4);
        changes.ShouldContain(c => c.GetProperty("kind").GetString() == "added" && c.GetProperty("subject").GetString() == "copy phone_number");
    }

    [Fact]
    public async Task Diff_UnknownParameter_ExitsFour()
    {
        var result = await RunAsync("map", "diff", CliRun.TempMap(MapTexts.Tenant), "--parameter", Name, "--json");

        result.ExitCode.ShouldBe(4, result.ToString());
        result.Json().GetProperty("error").GetProperty("kind").GetString().ShouldBe("not_found");
    }

    private Task<CliResult> RunAsync(params string[] args) => CliRun.RunAsync(CliRun.Environment(ssm: _store.Endpoint), args);
}
