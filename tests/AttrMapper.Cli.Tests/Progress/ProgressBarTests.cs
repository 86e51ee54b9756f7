using AttrMapper.Cli.Progress;

namespace AttrMapper.Cli.Tests.Progress;

public sealed class ProgressBarTests
{
    [Fact]
    public void Draw_Enabled_RedrawsOneLineInPlaceAndClearsIt()
    {
        using var error = new StringWriter();
        var bar = new ProgressBar(error, enabled: true);

        bar.Draw("old pool eu-west-1_A", 50, 100);
        bar.Draw("old pool eu-west-1_A", 100, 100);
        bar.Clear();

        var text = error.ToString();
        text.ShouldContain("\rold pool eu-west-1_A [###############...............] 50/~100");
        text.ShouldContain("\rold pool eu-west-1_A [##############################] 100/~100");
        text.ShouldNotContain("\n");
        text.ShouldEndWith("\r");
    }

    [Fact]
    public void Draw_WithoutEstimate_CountsOnly()
    {
        using var error = new StringWriter();

        new ProgressBar(error, enabled: true).Draw("new pool eu-west-1_B", 60, null);

        error.ToString().ShouldBe("\rnew pool eu-west-1_B: 60 users listed");
    }

    [Fact]
    public void Draw_Disabled_WritesNothing()
    {
        using var error = new StringWriter();
        var bar = new ProgressBar(error, enabled: false);

        bar.Draw("old pool eu-west-1_A", 1, 10);
        bar.Clear();

        error.ToString().ShouldBeEmpty();
    }
}
