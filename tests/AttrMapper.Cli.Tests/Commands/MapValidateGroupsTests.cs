using AttrMapper.LocalPeers;

namespace AttrMapper.Cli.Tests.Commands;

/// <summary>
/// <c>map validate --pool</c> on a map with <c>groups</c>, against the scripted pool (it reports groups, app clients and
/// their WriteAttributes as Cognito does): the marker attribute, the target groups, the clients that may write the marker.
/// </summary>
[Trait("Category", "Loopback")]
public sealed class MapValidateGroupsTests : IAsyncLifetime
{
    private const string OldPoolId = "eu-west-1_OldGrpVal1";
    private const string NewPoolId = "eu-west-1_NewGrpVal1";
    private const string Marker = "custom:pending_groups";

    private ScriptedOldPool _pool = null!;

    public async Task InitializeAsync()
    {
        _pool = await ScriptedOldPool.StartAsync(OldPoolId);
        Schema((Marker, "String", true, 2048));
        _pool.CreateGroups(NewPoolId, "admins", "employees", "migrated");
        _pool.CreateGroups(OldPoolId, "admins", "staff", "beta");
        _pool.AddAppClient(new FakeAppClient { ClientId = "webclient1", ClientName = "web", WriteAttributes = ["email"] }, NewPoolId);
    }

    public async Task DisposeAsync() => await _pool.DisposeAsync();

    private void Schema((string Name, string DataType, bool Mutable, int? MaxLength) marker) =>
        _pool.SetSchema(NewPoolId, [("sub", "String", false, 2048), ("email", "String", true, 2048), marker]);

    private Task<CliResult> Validate(string map = MapTexts.Groups, params string[] more) => CliRun.RunAsync(CliRun.Environment(_pool.Endpoint), [
        "map", "validate", CliRun.TempMap(map), "--pool", NewPoolId, .. more]);

    [Fact]
    public async Task Validate_MarkerAndGroupsInPlace_ClientCannotWriteIt_ValidWithoutWarnings()
    {
        var result = await Validate(MapTexts.Groups, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Json().GetProperty("findings").GetArrayLength().ShouldBe(0, result.ToString());
        _pool.Calls.ShouldContain(c => c.Operation == "ListGroups");
        _pool.Calls.ShouldContain(c => c.Operation == "ListUserPoolClients");
        _pool.Calls.ShouldContain(c => c.Operation == "DescribeUserPoolClient");
    }

    [Fact]
    public async Task Validate_TargetGroupMissing_ErrorAtTheRulesPath()
    {
        _pool.SetSchema(NewPoolId, [("sub", "String", false, 2048), (Marker, "String", true, 2048)]);
        var map = MapTexts.Groups.Replace("\"to\": \"employees\"", "\"to\": \"employes\"", StringComparison.Ordinal)
            .Replace("\"to\": \"migrated\"", "\"to\": \"migrated-2026\"", StringComparison.Ordinal);

        var result = await Validate(map);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Out.ShouldContain($"$.groups.rules[1].to: group employes does not exist in pool {NewPoolId}");
        result.Out.ShouldContain($"$.groups.rules[3].to: group migrated-2026 does not exist in pool {NewPoolId}");
        result.Out.ShouldNotContain("$.groups.rules[0]");
    }

    [Theory]
    [InlineData("absent", "does not exist in pool")]
    [InlineData("Number", "is a Number attribute")]
    [InlineData("immutable", "is immutable in pool")]
    public async Task Validate_MarkerNotAMutableStringCustomAttribute_ErrorAtTheMarkerPath(string what, string message)
    {
        if (what == "absent")
        {
            _pool.SetSchema(NewPoolId, [("sub", "String", false, 2048), ("email", "String", true, 2048)]);
        }
        else
        {
            Schema((Marker, what == "Number" ? "Number" : "String", what != "immutable", what == "Number" ? null : 2048));
        }

        var result = await Validate();

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Out.ShouldContain($"$.groups.marker: {Marker} {message}");
    }

    [Fact]
    public async Task Validate_MarkerShorterThanAMarkerCanBe_Warning()
    {
        Schema((Marker, "String", true, 256));

        var result = await Validate();

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain($"warning $.groups.marker: {Marker} takes at most 256 characters");
    }

    [Fact]
    public async Task Validate_AppClientMayWriteTheMarker_Warning_ClientWithoutAListToo()
    {
        _pool.AddAppClient(new FakeAppClient { ClientId = "mobile1", ClientName = "mobile", WriteAttributes = ["email", Marker] }, NewPoolId);
        _pool.AddAppClient(new FakeAppClient { ClientId = "legacy1", WriteAttributes = null }, NewPoolId);

        var result = await Validate();

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain($"app client mobile1 (mobile) of pool {NewPoolId} lets its users write {Marker}");
        result.Out.ShouldContain("app client legacy1 (app) of pool");
        result.Out.ShouldContain("has no WriteAttributes list");
        result.Out.ShouldNotContain("webclient1");
    }

    [Fact]
    public async Task Validate_OldPool_OldGroupNoRuleNames_WarnedWhenDropped_ErrorWhenCopiedIntoNothing()
    {
        _pool.CreateGroups(OldPoolId, "auditors");

        var dropped = await Validate(MapTexts.Groups, "--old-pool", OldPoolId);
        var copied = await Validate(MapTexts.Groups.Replace("\"groups\": {", "\"groups\": { \"unmapped\": \"copy\",", StringComparison.Ordinal), "--old-pool", OldPoolId);

        dropped.ExitCode.ShouldBe(0, dropped.ToString());
        dropped.Out.ShouldContain($"warning $.groups.unmapped: group auditors of pool {OldPoolId} is dropped: no rule names it");
        dropped.Out.ShouldNotContain("group beta");
        copied.ExitCode.ShouldBe(1, copied.ToString());
        copied.Out.ShouldContain($"$.groups.unmapped: unmapped: copy carries group auditors of pool {OldPoolId}, which pool {NewPoolId} does not have");
    }

    [Fact]
    public async Task Validate_MarkerIsNotReportedAsAnUnfilledCustomAttribute()
    {
        var result = await Validate();

        result.Out.ShouldNotContain($"{Marker} exists in pool");
    }
}
