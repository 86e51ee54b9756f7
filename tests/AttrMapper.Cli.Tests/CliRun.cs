using System.Text.Json;

namespace AttrMapper.Cli.Tests;

/// <summary>What one run of the tool printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json()
    {
        using var doc = JsonDocument.Parse(Out);
        return doc.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs attrmapper in-process, exactly as Main does, with its own streams, environment and (fast) backoff.</summary>
internal static class CliRun
{
    public static readonly CliTuning FastTuning = new(30, TimeSpan.FromMilliseconds(1), 4, TimeSpan.FromSeconds(10))
    {
        ImportPollInterval = TimeSpan.FromMilliseconds(1),
        GroupReadsPerSecond = 1000,
    };

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(environment, FastTuning, args);

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, CliTuning tuning, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, name => environment.TryGetValue(name, out var v) ? v : null, TimeProvider.System,
            ErrorIsTerminal: false, tuning);
        var code = await CliApp.RunAsync(args, context);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Credentials and region for local peers; the endpoint variables are added per test.</summary>
    public static Dictionary<string, string> Environment(Uri? cognito = null, Uri? ssm = null, string region = "eu-west-1")
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDLOCALTEST",
            ["AWS_SECRET_ACCESS_KEY"] = "local-secret-key",
            ["AWS_REGION"] = region,
        };
        if (cognito is not null)
        {
            env["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = cognito.ToString();
        }

        if (ssm is not null)
        {
            env["AWS_ENDPOINT_URL_SSM"] = ssm.ToString();
        }

        return env;
    }

    public static string TempMap(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "attrmapper-cli-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
