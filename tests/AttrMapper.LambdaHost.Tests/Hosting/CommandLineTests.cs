using AttrMapper.LambdaHost.Hosting;

namespace AttrMapper.LambdaHost.Tests.Hosting;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_EveryFlag_FillsTheOptions()
    {
        var (options, error) = CommandLine.Parse(
            ["--bootstrap", "/x/bootstrap", "--function-name", "mig", "--port", "4000", "--env", "A=1", "--env", "B=x=y",
             "--timeout", "2.5", "--memory", "256", "--region", "us-east-2", "--max-failures", "5", "--inherit-env"],
            null);

        error.ShouldBeNull();
        options.ShouldNotBeNull();
        options.BootstrapPath.ShouldBe("/x/bootstrap");
        options.FunctionName.ShouldBe("mig");
        options.Port.ShouldBe(4000);
        options.Environment["A"].ShouldBe("1");
        options.Environment["B"].ShouldBe("x=y");
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(2.5));
        options.MemorySizeMb.ShouldBe(256);
        options.Region.ShouldBe("us-east-2");
        options.MaxConsecutiveFailures.ShouldBe(5);
        options.InheritEnvironment.ShouldBeTrue();
    }

    [Fact]
    public void Parse_OnlyBootstrap_UsesDefaults()
    {
        var (options, _) = CommandLine.Parse(["--bootstrap", "b"], null);

        options.ShouldNotBeNull();
        options.FunctionName.ShouldBe("attrmapper");
        options.Port.ShouldBe(0);
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(5));
        options.InheritEnvironment.ShouldBeFalse();
    }

    [Theory]
    [InlineData("--function-name", "x")]
    [InlineData("--bootstrap", "b", "--port", "70000")]
    [InlineData("--bootstrap", "b", "--port", "-1")]
    [InlineData("--bootstrap", "b", "--timeout", "0")]
    [InlineData("--bootstrap", "b", "--env", "NOEQUALS")]
    [InlineData("--bootstrap", "b", "--env", "=v")]
    [InlineData("--bootstrap", "b", "--unknown", "v")]
    [InlineData("--bootstrap")]
    public void Parse_BadArguments_ReturnsAnError(params string[] args)
    {
        var (options, error) = CommandLine.Parse(args, null);

        options.ShouldBeNull();
        error.ShouldNotBeNullOrWhiteSpace();
    }
}
