using AttrMapper.LambdaHost.Hosting;

namespace AttrMapper.LambdaHost.Tests.Hosting;

public sealed class CliRunTests
{
    [Fact]
    public async Task RunAsync_BadArguments_Exits2WithUsageOnStderrAndNothingOnStdout()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await Cli.RunAsync(["--port", "1"], stdout, stderr);

        code.ShouldBe(2);
        stdout.ToString().ShouldBeEmpty();
        stderr.ToString().ShouldContain("--bootstrap is required");
        stderr.ToString().ShouldContain("usage:");
    }

    [Fact]
    public async Task RunAsync_Help_PrintsUsageAndExits0()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await Cli.RunAsync(["--help"], stdout, stderr);

        code.ShouldBe(0);
        stdout.ToString().ShouldContain("--function-name");
    }
}
