namespace AttrMapper.Cli.Tests.Commands;

[Collection(LocalStackCollection.Name)]
public sealed class MapValidateCommandTests(LocalStack stack)
{
    private const string FitsNewPool = """
        { "version": 1, "rules": [
          { "op": "copy", "from": "email" },
          { "op": "copy", "from": "email_verified" },
          { "op": "rename", "from": "custom:tenant", "to": "custom:tenant_id" },
          { "op": "drop", "from": "custom:internal_flag" } ] }
        """;

    [Fact]
    public async Task Validate_ValidFile_ExitsZeroAndSaysValid()
    {
        var result = await CliRun.RunAsync(CliRun.Environment(), "map", "validate", CliRun.TempMap(MapTexts.Tenant));

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("valid (4 rules");
    }

    [Fact]
    public async Task Validate_UnknownOp_ExitsOneWithPathAndHint()
    {
        var result = await CliRun.RunAsync(CliRun.Environment(), "map", "validate", CliRun.TempMap(MapTexts.UnknownOp));

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Out.ShouldContain("INVALID");
        result.Out.ShouldContain("$.rules[0].op: unknown op \"cpy\"");
        result.Out.ShouldContain("hint: op is one of copy, rename, default, drop");
    }

    [Fact]
    public async Task Validate_InvalidJsonWithJson_ReportsEveryFindingAsJson()
    {
        var result = await CliRun.RunAsync(CliRun.Environment(), "map", "validate", CliRun.TempMap(MapTexts.NotJson), "--json");

        result.ExitCode.ShouldBe(1, result.ToString());
        var json = result.Json();
        json.GetProperty("exitCode").GetInt32().ShouldBe(1);
        json.GetProperty("valid").GetBoolean().ShouldBeFalse();
        var finding = json.GetProperty("findings")[0];
        finding.GetProperty("severity").GetString().ShouldBe("error");
        finding.GetProperty("path").GetString().ShouldBe("$");
        finding.GetProperty("message").GetString()!.ShouldStartWith("not valid JSON");
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsTwoOnStderr()
    {
        var result = await CliRun.RunAsync(CliRun.Environment(), "map", "validate", "/nonexistent/map.json");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Out.ShouldBeEmpty();
        result.Error.ShouldContain("/nonexistent/map.json: no such file");
    }

    [Fact]
    public async Task Validate_MissingFileWithJson_WritesTheErrorAsJson()
    {
        var result = await CliRun.RunAsync(CliRun.Environment(), "map", "validate", "/nonexistent/map.json", "--json");

        result.ExitCode.ShouldBe(2);
        var error = result.Json().GetProperty("error");
        error.GetProperty("kind").GetString().ShouldBe("file");
    }

    [Fact]
    public async Task Validate_AgainstNewPool_FitsWithWarnings()
    {
        var result = await CliRun.RunAsync(stack.Environment(), "map", "validate", CliRun.TempMap(FitsNewPool), "--pool", stack.NewPoolId, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        var findings = result.Json().GetProperty("findings").EnumerateArray().ToList();
        findings.ShouldAllBe(f => f.GetProperty("severity").GetString() == "warning");
        findings.ShouldContain(f => f.GetProperty("path").GetString() == "$.rules[2].to" && f.GetProperty("message").GetString()!.Contains("at most 64"));
        findings.ShouldContain(f => f.GetProperty("path").GetString() == "$.rules[3].from" && f.GetProperty("message").GetString()!.Contains("dropped"));
        findings.ShouldContain(f => f.GetProperty("message").GetString()!.Contains("custom:plan exists"));
    }

    [Fact]
    public async Task Validate_AgainstNewPool_ImmutableAndMissingTargetsAreErrors()
    {
        const string map = """
            { "version": 1, "rules": [
              { "op": "default", "to": "custom:plan", "value": "free" },
              { "op": "rename", "from": "custom:tenant", "to": "custom:nope" } ] }
            """;

        var result = await CliRun.RunAsync(stack.Environment(), "map", "validate", CliRun.TempMap(map), "--pool", stack.NewPoolId);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Out.ShouldContain("$.rules[0].to: custom:plan is immutable");
        result.Out.ShouldContain($"$.rules[1].to: custom:nope does not exist in pool {stack.NewPoolId}");
    }

    [Fact]
    public async Task Validate_AgainstNewPool_DefaultLongerThanTheAttributeIsAnError()
    {
        const string map = """{ "version": 1, "rules": [ { "op": "default", "to": "custom:tenant_id", "value": "x" } ] }""";
        var tooLong = map.Replace("\"x\"", "\"" + new string('x', 65) + "\"", StringComparison.Ordinal);

        var result = await CliRun.RunAsync(stack.Environment(), "map", "validate", CliRun.TempMap(tooLong), "--pool", stack.NewPoolId);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Out.ShouldContain("$.rules[0].value: the default for custom:tenant_id is 65 characters; the pool takes at most 64");
    }

    [Fact]
    public async Task Validate_WithOldPool_WarnsAboutOldAttributesTheMapDrops()
    {
        var result = await CliRun.RunAsync(stack.Environment(), "map", "validate", CliRun.TempMap(FitsNewPool),
            "--pool", stack.NewPoolId, "--old-pool", stack.OldPoolId);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain($"phone_number of pool {stack.OldPoolId} is dropped: no rule names it");
    }

    [Fact]
    public async Task Validate_UnknownPool_ExitsFour()
    {
        var result = await CliRun.RunAsync(stack.Environment(), "map", "validate", CliRun.TempMap(FitsNewPool), "--pool", "local_nosuchpool");

        result.ExitCode.ShouldBe(4, result.ToString());
        result.Error.ShouldContain("local_nosuchpool");
    }

    [Fact]
    public async Task Validate_OldPoolWithoutPool_IsAUsageError()
    {
        var result = await CliRun.RunAsync(CliRun.Environment(), "map", "validate", CliRun.TempMap(MapTexts.Tenant), "--old-pool", "eu-west-1_X");

        result.ExitCode.ShouldBe(2, result.ToString());
    }
}
