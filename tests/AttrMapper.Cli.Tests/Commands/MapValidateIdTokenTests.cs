using AttrMapper.LocalPeers;

namespace AttrMapper.Cli.Tests.Commands;

/// <summary>
/// <c>map validate --old-pool --old-client</c> on an IdToken map, against the scripted pool (it reports an app client's
/// ReadAttributes and a pool's pre token generation trigger as Cognito does; cognito-local reports neither).
/// </summary>
[Trait("Category", "Loopback")]
public sealed class MapValidateIdTokenTests : IAsyncLifetime
{
    private const string OldPoolId = "eu-west-1_OldIdTok1";
    private const string NewPoolId = "eu-west-1_NewIdTok1";
    private const string OldClientId = "oldclient123";

    private const string IdTokenMap = """
        { "version": 1, "attributeSource": "IdToken", "rules": [
          { "op": "copy", "from": "email" },
          { "op": "copy", "from": "email_verified" },
          { "op": "rename", "from": "custom:tenant", "to": "custom:tenant_id" } ] }
        """;

    private ScriptedOldPool _pool = null!;

    public async Task InitializeAsync()
    {
        _pool = await ScriptedOldPool.StartAsync(OldPoolId, OldClientId);
        _pool.SetSchema(OldPoolId, [("sub", "String", false, 2048), ("email", "String", true, 2048), ("email_verified", "Boolean", true, null), ("custom:tenant", "String", true, 64)]);
        _pool.SetSchema(NewPoolId, [("sub", "String", false, 2048), ("email", "String", true, 2048), ("email_verified", "Boolean", true, null), ("custom:tenant_id", "String", true, 64)]);
    }

    public async Task DisposeAsync() => await _pool.DisposeAsync();

    private Task<CliResult> Validate(params string[] more) => CliRun.RunAsync(CliRun.Environment(_pool.Endpoint), [
        "map", "validate", CliRun.TempMap(IdTokenMap), "--pool", NewPoolId, "--old-pool", OldPoolId, .. more]);

    [Fact]
    public async Task Validate_IdTokenClientReadsEverything_Valid()
    {
        _pool.AddAppClient(new FakeAppClient { ClientId = OldClientId, ReadAttributes = null }, OldPoolId);

        var result = await Validate("--old-client", OldClientId);

        result.ExitCode.ShouldBe(0, result.ToString());
        _pool.Calls.ShouldContain(c => c.Operation == "DescribeUserPoolClient");
    }

    [Fact]
    public async Task Validate_IdTokenClientCannotReadAMappedAttribute_RefusedWithThePath()
    {
        _pool.AddAppClient(new FakeAppClient { ClientId = OldClientId, ReadAttributes = ["email", "email_verified"] }, OldPoolId);

        var result = await Validate("--old-client", OldClientId, "--json");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Out.ShouldContain("$.rules[2].from");
        result.Out.ShouldContain($"old app client {OldClientId} may not read custom:tenant");
    }

    [Fact]
    public async Task Validate_IdTokenOldPoolHasPreTokenGeneration_Refused()
    {
        _pool.AddAppClient(new FakeAppClient { ClientId = OldClientId }, OldPoolId);
        _pool.SetPreTokenGeneration("arn:aws:lambda:eu-west-1:111122223333:function:pretoken", OldPoolId);

        var result = await Validate("--old-client", OldClientId);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Out.ShouldContain("$.attributeSource: IdToken: pool eu-west-1_OldIdTok1 has a pre token generation trigger");
    }

    [Fact]
    public async Task Validate_IdTokenWithoutOldClient_RefusedWithTheHint()
    {
        var result = await Validate();

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Out.ShouldContain("--old-client CLIENT_ID");
    }
}
