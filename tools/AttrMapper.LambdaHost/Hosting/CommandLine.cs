using System.Globalization;

namespace AttrMapper.LambdaHost.Hosting;

/// <summary>The host's command line, parsed into options; hand-written so the tool needs no extra package.</summary>
internal static class CommandLine
{
    public const string Usage = """
        usage: AttrMapper.LambdaHost --bootstrap PATH [options]
          --bootstrap PATH        the executable speaking the Runtime API (required)
          --function-name NAME    name the Invoke API answers to (default attrmapper)
          --port N                port on 127.0.0.1, 0 = any free one (default 0)
          --env K=V               a variable for the function; repeatable
          --timeout SECONDS       function timeout (default 5, Cognito's trigger limit)
          --memory MB             AWS_LAMBDA_FUNCTION_MEMORY_SIZE (default 128)
          --region REGION         AWS_REGION and the ARN's region (default eu-west-1)
          --max-failures N        child failures in a row before giving up (default 3)
          --inherit-env           also pass this process's environment to the function
        Prints "listening http://127.0.0.1:PORT" on stdout once ready; the function's output goes to stderr.
        """;

    /// <summary>The options, or the reason the arguments are wrong.</summary>
    public static (LambdaHostOptions? Options, string? Error) Parse(IReadOnlyList<string> args, Action<OutputLine>? sink)
    {
        string? bootstrap = null;
        var functionName = "attrmapper";
        var port = 0;
        var timeout = TimeSpan.FromSeconds(5);
        var memory = 128;
        var region = "eu-west-1";
        var maxFailures = 3;
        var inherit = false;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag == "--inherit-env")
            {
                inherit = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                return (null, $"{flag} needs a value");
            }

            var value = args[++i];
            switch (flag)
            {
                case "--bootstrap":
                    bootstrap = value;
                    break;
                case "--function-name":
                    functionName = value;
                    break;
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535:
                    port = p;
                    break;
                case "--timeout" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0:
                    timeout = TimeSpan.FromSeconds(s);
                    break;
                case "--memory" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m > 0:
                    memory = m;
                    break;
                case "--region":
                    region = value;
                    break;
                case "--max-failures" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var f) && f > 0:
                    maxFailures = f;
                    break;
                case "--env" when value.IndexOf('=', StringComparison.Ordinal) > 0:
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    environment[value[..eq]] = value[(eq + 1)..];
                    break;
                default:
                    return (null, $"unknown flag or bad value: {flag} {value}");
            }
        }

        if (bootstrap is null)
        {
            return (null, "--bootstrap is required");
        }

        return (new LambdaHostOptions
        {
            BootstrapPath = bootstrap,
            FunctionName = functionName,
            Port = port,
            Timeout = timeout,
            MemorySizeMb = memory,
            Region = region,
            MaxConsecutiveFailures = maxFailures,
            InheritEnvironment = inherit,
            Environment = environment,
            OutputSink = sink,
        }, null);
    }
}
