using System.Runtime.InteropServices;
using System.Text.Json;
using AttrMapper.Configuration;
using AttrMapper.Logging;
using AttrMapper.Runtime;
using AttrMapper.Triggers;

namespace AttrMapper.Hosting;

/// <summary>Entry point of the function: configuration, one-time set-up, then the Runtime API loop.</summary>
public static class LambdaHost
{
    /// <summary>The init error for a failure that is not a bad setting: constant, so no exception text leaves the process.</summary>
    public const string InitFailedType = "InitializationFailed";

    public const string InitFailedMessage = "The function could not be set up; see its log for the error type.";

    public static async Task<int> RunAsync(HttpClient? http = null, CancellationToken ct = default)
    {
#pragma warning disable RS0030 // The composition root is the one place that picks the system clock; everything below is given it.
        var clock = TimeProvider.System;
#pragma warning restore RS0030
        var endpoint = Environment.GetEnvironmentVariable(RuntimeApi.EndpointVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            await Console.Error.WriteLineAsync($"{RuntimeApi.EndpointVariable} is not set: this program runs inside AWS Lambda or a local Lambda host.").ConfigureAwait(false);
            return 2;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        // /next blocks while the container is frozen between events: the runtime client never times out on its own.
        using var runtimeHttp = http is null ? new HttpClient { Timeout = Timeout.InfiniteTimeSpan } : null;
        RuntimeApiClient runtime;
        try
        {
            runtime = RuntimeApiClient.FromEndpoint(http ?? runtimeHttp!, endpoint.Trim(), clock);
        }
        catch (UriFormatException)
        {
            await Console.Error.WriteLineAsync($"{RuntimeApi.EndpointVariable} is not a host:port.").ConfigureAwait(false);
            return 2;
        }

        // Every step of the set-up runs inside this guard: whatever goes wrong is reported through /runtime/init/error
        // (then Lambda shows it and starts over), never an unhandled exception that aborts the process unreported.
        FunctionOptions options;
        FunctionServices function;
        try
        {
            options = FunctionOptions.FromEnvironment();
            function = FunctionServices.Create(options, clock);
        }
        catch (ConfigurationException error)
        {
            await ReportInitErrorAsync(runtime, "InvalidConfiguration", error.Message, stop.Token).ConfigureAwait(false);
            return 1;
        }
#pragma warning disable CA1031 // any failure to set up is an init error; its text may carry a setting's value, so only its type is printed
        catch (Exception error)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"init failed: {error.GetType().Name}").ConfigureAwait(false);
            await ReportInitErrorAsync(runtime, InitFailedType, InitFailedMessage, stop.Token).ConfigureAwait(false);
            return 1;
        }

        await using (function.ConfigureAwait(false))
        {
            var log = new InvocationLog(Console.OpenStandardOutput(), clock, function.UserHasherNow, options.LogUsernames)
            {
                TakeMapRefreshFailures = function.TakeMapRefreshFailures,
            };
            var fault = new FunctionError(TriggerFault.ErrorType, TriggerFault.Body);
            return await new RuntimeLoop(runtime, new FunctionHandler(function.Handler, log), fault, clock).RunAsync(stop.Token).ConfigureAwait(false);
        }
    }

    private static async Task ReportInitErrorAsync(RuntimeApiClient runtime, string type, string message, CancellationToken ct)
    {
        await Console.Error.WriteLineAsync($"init failed: {message}").ConfigureAwait(false);
        var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("errorType", type);
            writer.WriteString("errorMessage", message);
            writer.WriteEndObject();
        }

        try
        {
            await runtime.InitErrorAsync(type, body.ToArray(), ct).ConfigureAwait(false);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("init error could not be reported to the Runtime API").ConfigureAwait(false);
        }
    }
}
