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
    public async Task RunAsync_BootstrapMissing_Exits2NamingIt()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await Cli.RunAsync(["--bootstrap", "/no/such/bootstrap"], stdout, stderr);

        code.ShouldBe(2);
        stderr.ToString().ShouldContain("no such file: /no/such/bootstrap");
    }

    [Fact]
    public async Task RunAsync_PortTaken_Exits1SayingSo()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await Cli.RunAsync(
            ["--bootstrap", FakeBootstrap.FakeRuntime.ScriptPath, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            stdout,
            stderr);

        code.ShouldBe(1);
        stdout.ToString().ShouldBeEmpty();
        stderr.ToString().ShouldContain("cannot listen on 127.0.0.1:");
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
