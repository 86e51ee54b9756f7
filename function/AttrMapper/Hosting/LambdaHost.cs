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
        var runtime = RuntimeApiClient.FromEndpoint(http ?? runtimeHttp!, endpoint.Trim(), clock);

        FunctionOptions options;
        try
        {
            options = FunctionOptions.FromEnvironment();
        }
        catch (ConfigurationException error)
        {
            await ReportInitErrorAsync(runtime, "InvalidConfiguration", error.Message, stop.Token).ConfigureAwait(false);
            return 1;
        }

        await using var function = FunctionServices.Create(options, clock, Environment.GetEnvironmentVariable);
        var log = new InvocationLog(Console.OpenStandardOutput(), clock, UserHasher.For(options.LogHashKey, options.OldUserPoolId, options.OldClientId), options.LogUsernames)
        {
            TakeMapRefreshFailures = function.TakeMapRefreshFailures,
        };
        var fault = new FunctionError(TriggerFault.ErrorType, TriggerFault.Body);
        return await new RuntimeLoop(runtime, new FunctionHandler(function.Handler, log), fault, clock).RunAsync(stop.Token).ConfigureAwait(false);
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
