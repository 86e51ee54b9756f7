using System.Diagnostics;
using System.Text.RegularExpressions;
using AttrMapper.LambdaHost.Tests.FakeBootstrap;

namespace AttrMapper.LambdaHost.Tests.Hosting;

/// <summary>The standalone host as a shell script runs it: a process that prints its URL and stops on SIGTERM.</summary>
public sealed partial class CliTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Main_SigTerm_PrintsUrlServesInvokesThenExitsAndKillsTheChild()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "AttrMapper.LambdaHost.dll"),
            "--bootstrap", FakeRuntime.ScriptPath, "--function-name", "cli-test", "--port", "0", "--env", "FOO=from-cli",
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var host = Process.Start(start).ShouldNotBeNull();
        var stderr = host.StandardError.ReadToEndAsync();
        try
        {
            var first = await host.StandardOutput.ReadLineAsync().WaitAsync(Generous);
            var match = ListeningLine().Match(first ?? string.Empty);
            match.Success.ShouldBeTrue($"first stdout line was: {first}");
            var baseAddress = new Uri(match.Groups["url"].Value + "/");
            var invokeUrl = new Uri(baseAddress, "2015-03-31/functions/cli-test/invocations");

            using var content = new StringContent("""{"envKeys":["FOO"]}""");
            using var response = await FakeRuntime.Http.PostAsync(invokeUrl, content);
            var json = new Answer((int)response.StatusCode, null, null, null, await response.Content.ReadAsStringAsync()).Json;
            json.GetProperty("env").GetProperty("FOO").GetString().ShouldBe("from-cli");
            var childPid = json.GetProperty("pid").GetInt32();

            using (var kill = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().WaitAsync(Generous);
            }

            await host.WaitForExitAsync().WaitAsync(Generous);
            host.ExitCode.ShouldBe(0);
            FakeRuntime.IsGone(childPid).ShouldBeTrue();
            (await stderr).ShouldContain("fake bootstrap writes to stderr too");
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }
    }

    [GeneratedRegex(@"^listening (?<url>http://127\.0\.0\.1:\d+)$")]
    private static partial Regex ListeningLine();
}
