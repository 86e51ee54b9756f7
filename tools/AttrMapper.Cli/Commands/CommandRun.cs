using System.Text.Json;
using AttrMapper.Cli.Aws;
using AttrMapper.Cli.Output;
using AttrMapper.Cognito;

namespace AttrMapper.Cli.Commands;

/// <summary>Runs one command body with an <see cref="AwsSession"/> and turns every expected failure into its exit code and report.</summary>
internal static class CommandRun
{
    public static async Task<int> RunAsync(CliContext context, bool json, Func<AwsSession, Task<int>> body, CancellationToken ct)
    {
        using var session = new AwsSession(context);
        try
        {
            return await body(session).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            Report(context, json, e);
            return e.ExitCode;
        }
        catch (CognitoException e)
        {
            var failure = AwsFailures.FromCognito(e, "Cognito");
            Report(context, json, failure);
            return failure.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("attrmapper: cancelled").ConfigureAwait(false);
            return 130;
        }
    }

    private static void Report(CliContext context, bool json, CliException e)
    {
        if (json)
        {
            JsonOutput.Write(context.Out, w => WriteError(w, e));
            return;
        }

        context.Error.WriteLine("attrmapper: " + e.Message);
        if (e.Hint is not null)
        {
            context.Error.WriteLine("  hint: " + e.Hint);
        }
    }

    private static void WriteError(Utf8JsonWriter json, CliException e)
    {
        json.WriteNumber("exitCode", e.ExitCode);
        json.WriteStartObject("error");
        json.WriteString("kind", e.Kind);
        json.WriteString("message", e.Message);
        json.WriteStringOrNull("hint", e.Hint);
        json.WriteEndObject();
    }
}
