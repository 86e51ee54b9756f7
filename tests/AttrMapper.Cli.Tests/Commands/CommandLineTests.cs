namespace AttrMapper.Cli.Tests.Commands;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("map --help")]
    [InlineData("map validate --help")]
    [InlineData("map push --help")]
    [InlineData("map pull --help")]
    [InlineData("map diff --help")]
    [InlineData("preview --help")]
    [InlineData("progress --help")]
    public async Task Help_EveryCommand_ExitsZeroWithUsage(string args)
    {
        var result = await CliRun.RunAsync(CliRun.Environment(), args.Split(' '));

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("Usage:");
    }

    [Theory]
    [InlineData("")]
    [InlineData("map")]
    [InlineData("map validate")]
    [InlineData("map push map.json")]
    [InlineData("preview alice")]
    [InlineData("progress --old-pool eu-west-1_A")]
    [InlineData("progress --old-pool eu-west-1_A --new-pool eu-west-1_B --rate 31")]
    [InlineData("frobnicate")]
    public async Task Parse_BadCommandLine_ExitsTwoOnStderr(string args)
    {
        var result = await CliRun.RunAsync(CliRun.Environment(), args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("attrmapper:");
    }

    [Theory]
    [InlineData("progress --old-pool eu-west-1_A --new-pool eu-west-1_B", "0")]
    [InlineData("progress --old-pool eu-west-1_A --new-pool eu-west-1_B", "31")]
    [InlineData("sweep --old-pool eu-west-1_A --new-pool eu-west-1_B --parameter /m --out o --dry-run", "0")]
    [InlineData("sweep --old-pool eu-west-1_A --new-pool eu-west-1_B --parameter /m --out o --dry-run", "31")]
    [InlineData("groups settle --new-pool eu-west-1_B --key-parameter /k --parameter /m", "0")]
    [InlineData("groups settle --new-pool eu-west-1_B --key-parameter /k --parameter /m", "31")]
    public async Task Rate_OutsideTheQuota_IsAUsageErrorNamingTheRange(string args, string rate)
    {
        var result = await CliRun.RunAsync(CliRun.Environment(), [.. args.Split(' '), "--rate", rate]);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--rate must be between 1 and 30");
    }

    [Theory]
    [InlineData("preview alice --old-pool eu-west-1_A")]
    [InlineData("sweep --old-pool eu-west-1_A --new-pool eu-west-1_B --out o --dry-run")]
    [InlineData("groups settle --new-pool eu-west-1_B --key-parameter /k")]
    public async Task MapChoice_NeitherOrBoth_IsAUsageErrorBeforeAnyCall(string args)
    {
        var map = CliRun.TempMap(MapTexts.Groups);
        foreach (var given in new[] { Array.Empty<string>(), ["--map", map, "--parameter", "/attrmapper/map"] })
        {
            var result = await CliRun.RunAsync(CliRun.Environment(), [.. args.Split(' '), .. given]);

            result.ExitCode.ShouldBe(2, result.ToString());
            result.Error.ShouldContain("give exactly one of --map FILE or --parameter NAME");
        }
    }

    [Fact]
    public async Task Progress_SamePoolTwice_IsAUsageError()
    {
        var result = await CliRun.RunAsync(CliRun.Environment(), "progress", "--old-pool", "eu-west-1_A", "--new-pool", "eu-west-1_A");

        result.ExitCode.ShouldBe(2, result.ToString());
    }

    [Fact]
    public async Task Preview_NotAPoolId_IsAUsageError()
    {
        var result = await CliRun.RunAsync(CliRun.Environment(), "preview", "alice", "--old-pool", "nounderscore", "--map", CliRun.TempMap(MapTexts.Tenant));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("not a user pool id");
    }
}
