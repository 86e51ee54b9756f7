using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AttrMapper.LambdaHost.Invocations;

/// <summary>The error bodies Lambda itself produces, built by hand so the host needs no reflection-based JSON.</summary>
internal static class LambdaErrors
{
    /// <summary>Lambda's own limit for a synchronous request or response payload.</summary>
    public const int MaxSyncPayloadBytes = 6_291_556;

    public static byte[] Body(string errorType, string errorMessage)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorType", errorType);
            json.WriteString("errorMessage", errorMessage);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>An Invoke API service error (not a function error): <c>{"Type":"User","message":"…"}</c>.</summary>
    public static byte[] ServiceBody(string type, string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Type", type);
            json.WriteString("message", message);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static InvocationResult Timeout(string requestId, TimeSpan timeout) => new(
        requestId,
        InvocationOutcome.Timeout,
        Body("Sandbox.Timedout", string.Create(
            CultureInfo.InvariantCulture, $"RequestId: {requestId} Error: Task timed out after {timeout.TotalSeconds:0.00} seconds")),
        "Sandbox.Timedout");

    public static InvocationResult RuntimeExit(string requestId, ChildFailure failure) => failure.Kind switch
    {
        ChildFailureKind.InitError => new(requestId, InvocationOutcome.InitError, failure.Body, failure.ErrorType),
        ChildFailureKind.StartFailed => new(
            requestId,
            InvocationOutcome.RuntimeExit,
            Body("Runtime.InvalidEntrypoint", $"RequestId: {requestId} Error: {failure.Detail}"),
            "Runtime.InvalidEntrypoint"),
        _ => new(
            requestId,
            InvocationOutcome.RuntimeExit,
            Body("Runtime.ExitError", $"RequestId: {requestId} Error: {failure.Detail}"),
            "Runtime.ExitError"),
    };

    public static InvocationResult ResponseTooLarge(string requestId) => new(
        requestId,
        InvocationOutcome.ResponseTooLarge,
        Body("Function.ResponseSizeTooLarge", string.Create(
            CultureInfo.InvariantCulture, $"Response payload size exceeded maximum allowed payload size ({MaxSyncPayloadBytes} bytes).")),
        "Function.ResponseSizeTooLarge");

    public static InvocationResult HostStopped(string requestId) => new(
        requestId,
        InvocationOutcome.HostStopped,
        Body("Runtime.ExitError", $"RequestId: {requestId} Error: the local Lambda host is shutting down"),
        "Runtime.ExitError");

    /// <summary>
    /// The invoke answer for a runtime's <c>/error</c> or <c>/init/error</c> post. Lambda passes a JSON body through;
    /// anything else is replaced by an error naming the header's type.
    /// </summary>
    public static (byte[] Body, string ErrorType) FromRuntimeError(byte[] posted, string? headerErrorType)
    {
        string? bodyType = null;
        try
        {
            using var doc = JsonDocument.Parse(posted);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (doc.RootElement.TryGetProperty("errorType", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    bodyType = type.GetString();
                }

                return (posted, bodyType ?? headerErrorType ?? "Runtime.Unknown");
            }
        }
        catch (JsonException)
        {
        }

        var errorType = headerErrorType ?? "Runtime.Unknown";
        return (Body(errorType, posted.Length == 0 ? string.Empty : Encoding.UTF8.GetString(posted)), errorType);
    }
}
