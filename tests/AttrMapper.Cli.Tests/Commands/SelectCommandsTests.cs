using AttrMapper.LocalPeers;

namespace AttrMapper.Cli.Tests.Commands;

/// <summary>
/// The operator tool on a pool split per tenant (DESIGN.md §4 <c>select</c>): preview says whether this pool's map takes
/// a user and why, progress counts only the users it selects, validate checks the select attribute. A scripted old pool
/// with users of two tenants and one without a tenant; the new pool (acme's) holds alice.
/// </summary>
public sealed class SelectCommandsTests : IAsyncLifetime
{
    private const string OldPool = "eu-west-1_OldPool1";
    private const string NewPool = "eu-west-1_AcmePool1";
    private const string Parameter = "/acme/map";

    private ScriptedOldPool _pool = null!;
    private LocalParameterStore _store = null!;

    public async Task InitializeAsync()
    {
        _pool = await ScriptedOldPool.StartAsync(OldPool);
        _store = await LocalParameterStore.StartAsync();
        _pool.AddUser(User("alice", "alice@acme.com", "acme"));
        _pool.AddUser(User("anna", "anna@acme.com", "acme"));
        _pool.AddUser(User("gina", "gina@globex.com", "globex"));
        _pool.AddUser(User("nora", "nora@example.com", tenant: null));
        _pool.AddPoolUser(NewPool, User("alice", "alice@acme.com", "acme"));
        _pool.SetSchema(OldPool, [("sub", "String", false, 2048), ("email", "String", true, 2048), ("email_verified", "Boolean", true, null), ("custom:tenant", "String", true, 64)]);
        _store.Put(Parameter, MapTexts.SelectAcme);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _pool.DisposeAsync();
    }

    private static FakeUser User(string name, string email, string? tenant) => new()
    {
        Username = name,
        Password = "unused",
        Attributes = tenant is null
            ? [new("email", email), new("email_verified", "true")]
            : [new("email", email), new("email_verified", "true"), new("custom:tenant", tenant)],
    };

    private Dictionary<string, string> Environment() => CliRun.Environment(_pool.Endpoint, _store.Endpoint);

    [Theory]
    [InlineData("alice", true, "acme", "taken: custom:tenant \"acme\" is in [acme]", "migrated", "signed_in")]
    [InlineData("gina", false, "globex", "NOT this pool's user: custom:tenant \"globex\" is not in [acme]", "rejected", "not_selected")]
    [InlineData("nora", false, null, "NOT this pool's user: no such attribute custom:tenant", "rejected", "not_selected")]
    public async Task Preview_MapWithSelect_SaysWhetherThisPoolTakesTheUserAndWhy(string user, bool selected, string? value, string line, string outcome, string reason)
    {
        var human = await CliRun.RunAsync(Environment(), "preview", user, "--old-pool", OldPool, "--parameter", Parameter);
        var json = await CliRun.RunAsync(Environment(), "preview", user, "--old-pool", OldPool, "--parameter", Parameter, "--json");

        human.ExitCode.ShouldBe(0, human.ToString());
        human.Out.ShouldContain("select: " + line);
        json.ExitCode.ShouldBe(0, json.ToString());
        var selection = json.Json().GetProperty("selection");
        selection.GetProperty("selected").GetBoolean().ShouldBe(selected);
        selection.GetProperty("attribute").GetString().ShouldBe("custom:tenant");
        selection.GetProperty("match").GetString().ShouldBe("in");
        selection.GetProperty("hasAttribute").GetBoolean().ShouldBe(value is not null);
        (selection.GetProperty("value").ValueKind == System.Text.Json.JsonValueKind.Null ? null : selection.GetProperty("value").GetString()).ShouldBe(value);
        var answers = json.Json().GetProperty("answers").EnumerateArray().ToList();
        answers[0].GetProperty("outcome").GetString().ShouldBe(outcome);
        answers[0].GetProperty("reason").GetString().ShouldBe(reason);
        answers.Last().GetProperty("trigger").GetString().ShouldBe("forgot-password");
        answers.Last().GetProperty("reason").GetString().ShouldBe(selected ? "forgot_password" : "not_selected");
    }

    [Fact]
    public async Task Preview_SelectBySuffix_NamesTheSuffixMatchAndNoOtherUser()
    {
        var result = await CliRun.RunAsync(Environment(), "preview", "gina", "--old-pool", OldPool, "--map", CliRun.TempMap(MapTexts.SelectGlobexDomain));

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("select: taken: email \"gina@globex.com\" ends with one of [@globex.com]");
        foreach (var other in new[] { "alice", "anna", "nora", "acme.com", "example.com" })
        {
            result.Out.ShouldNotContain(other);
        }

        _pool.Calls.Select(c => c.Operation).ShouldBe(["AdminGetUser"]);
    }

    [Fact]
    public async Task Preview_MapWithoutSelect_SaysThePoolTakesEveryone()
    {
        var result = await CliRun.RunAsync(Environment(), "preview", "gina", "--old-pool", OldPool, "--map", CliRun.TempMap(MapTexts.Tenant), "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Json().GetProperty("selection").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Progress_WithParameter_CountsOnlyTheUsersTheMapSelects()
    {
        var result = await CliRun.RunAsync(Environment(), "progress", "--old-pool", OldPool, "--new-pool", NewPool, "--parameter", Parameter, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        var json = result.Json();
        json.GetProperty("oldUsers").GetInt64().ShouldBe(2);
        json.GetProperty("migrated").GetInt64().ShouldBe(1);
        json.GetProperty("remaining").GetInt64().ShouldBe(1);
        json.GetProperty("notThisPools").GetInt64().ShouldBe(2);
        json.GetProperty("selects").GetBoolean().ShouldBeTrue();
        json.GetProperty("mapVersion").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Progress_WithParameterHuman_ShowsTheUsersLeftOut()
    {
        var result = await CliRun.RunAsync(Environment(), "progress", "--old-pool", OldPool, "--new-pool", NewPool, "--parameter", Parameter);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("2 not this pool's, left out");
        result.Out.ShouldContain("migrated: 1 of 2 old users (50.0%), 1 remaining");
    }

    [Fact]
    public async Task Progress_WithoutParameter_CountsEveryOldUser()
    {
        var result = await CliRun.RunAsync(Environment(), "progress", "--old-pool", OldPool, "--new-pool", NewPool, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Json().GetProperty("oldUsers").GetInt64().ShouldBe(4);
        result.Json().GetProperty("notThisPools").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Progress_InvalidStoredMap_ExitsOneBeforeListingAnyPool()
    {
        _store.Put("/bad/map", MapTexts.UnknownOp);

        var result = await CliRun.RunAsync(Environment(), "progress", "--old-pool", OldPool, "--new-pool", NewPool, "--parameter", "/bad/map", "--json");

        result.ExitCode.ShouldBe(1, result.ToString());
        _pool.CallCount("ListUsers").ShouldBe(0);
    }

    [Theory]
    [InlineData("custom:tenant", 0, null)]
    [InlineData("email", 0, null)]
    [InlineData("custom:tennant", 1, "select reads custom:tennant, which pool eu-west-1_OldPool1 does not have")]
    [InlineData("phone_number", 1, "select reads phone_number, which pool eu-west-1_OldPool1 does not have")]
    public async Task Validate_WithOldPool_ChecksTheSelectAttributeExistsThere(string attribute, int exitCode, string? message)
    {
        _pool.SetSchema(NewPool, [("email", "String", true, 2048), ("email_verified", "Boolean", true, null), ("custom:tenant_id", "String", true, 2048)]);
        var map = MapTexts.SelectAcme.Replace("\"attribute\": \"custom:tenant\"", $"\"attribute\": \"{attribute}\"", StringComparison.Ordinal);

        var result = await CliRun.RunAsync(Environment(), "map", "validate", CliRun.TempMap(map), "--pool", NewPool, "--old-pool", OldPool, "--json");

        result.ExitCode.ShouldBe(exitCode, result.ToString());
        var findings = result.Json().GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("path").GetString() == "$.select.attribute").ToList();
        if (message is null)
        {
            findings.ShouldBeEmpty();
        }
        else
        {
            findings.Count.ShouldBe(1);
            findings[0].GetProperty("severity").GetString().ShouldBe("error");
            findings[0].GetProperty("message").GetString()!.ShouldStartWith(message);
        }
    }

    [Theory]
    [InlineData("identities")]
    [InlineData("cognito:user_status")]
    [InlineData("username")]
    public async Task Validate_Offline_SelectAttributeThatCannotBeRead_IsAnErrorAtItsPath(string attribute)
    {
        var map = MapTexts.SelectAcme.Replace("\"attribute\": \"custom:tenant\"", $"\"attribute\": \"{attribute}\"", StringComparison.Ordinal);

        var result = await CliRun.RunAsync(CliRun.Environment(), "map", "validate", CliRun.TempMap(map), "--json");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Json().GetProperty("findings").EnumerateArray().ShouldContain(f => f.GetProperty("path").GetString() == "$.select.attribute");
    }
}
