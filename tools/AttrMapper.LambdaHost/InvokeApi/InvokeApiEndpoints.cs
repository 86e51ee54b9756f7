using System.Text;
using System.Text.Json;
using AttrMapper.LambdaHost.Invocations;
using AttrMapper.LambdaHost.RuntimeApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AttrMapper.LambdaHost.InvokeApi;

/// <summary>The Lambda Invoke API (2015-03-31) as cognito-local's Lambda client sees it.</summary>
internal sealed class InvokeApiEndpoints(LambdaHostOptions options, Sandbox sandbox, CancellationToken stopping)
{
    public void Map(IEndpointRouteBuilder app) => app.MapPost(WireNames.InvokePath, InvokeAsync);

    /// <summary>Accepts a function name, <c>name:qualifier</c>, a partial ARN or a full ARN.</summary>
    internal static bool NamesFunction(string requested, string functionName)
    {
        var parts = requested.Split(':');
        var name = parts switch
        {
            ["arn", _, "lambda", _, _, "function", var n, ..] => n,
            [_, "function", var n, ..] => n,
            [var n, ..] => n,
            _ => string.Empty,
        };
        return string.Equals(name, functionName, StringComparison.Ordinal);
    }

    private async Task InvokeAsync(HttpContext context)
    {
        var requested = context.Request.RouteValues["functionName"] as string ?? string.Empty;
        if (!NamesFunction(requested, options.FunctionName))
        {
            await ServiceErrorAsync(
                context, StatusCodes.Status404NotFound, "ResourceNotFoundException", "User", $"Function not found: {Arn(requested)}")
                .ConfigureAwait(false);
            return;
        }

        var invocationType = context.Request.Headers[WireNames.InvocationType].ToString();
        if (invocationType is not ("" or "RequestResponse" or "Event" or "DryRun"))
        {
            await ServiceErrorAsync(
                context,
                StatusCodes.Status400BadRequest,
                "InvalidParameterValueException",
                "User",
                "InvocationType must be RequestResponse, Event or DryRun.").ConfigureAwait(false);
            return;
        }

        var payload = await HttpBodies.ReadAsync(context.Request, LambdaErrors.MaxSyncPayloadBytes, context.RequestAborted)
            .ConfigureAwait(false);
        if (payload is null)
        {
            await ServiceErrorAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                "RequestTooLargeException",
                "User",
                "Request must be smaller than 6291456 bytes for the InvokeFunction operation").ConfigureAwait(false);
            return;
        }

        if (payload.Length == 0)
        {
            payload = "{}"u8.ToArray();
        }
        else if (!IsJson(payload))
        {
            await ServiceErrorAsync(
                context,
                StatusCodes.Status400BadRequest,
                "InvalidRequestContentException",
                "User",
                "Could not parse request body into json").ConfigureAwait(false);
            return;
        }

        var clientContext = DecodeClientContext(context.Request.Headers[WireNames.InvokeClientContext].ToString());
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers[WireNames.AmznRequestId] = requestId;
        switch (invocationType)
        {
            case "DryRun":
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            case "Event":
                _ = RunDetachedAsync(payload, clientContext, requestId);
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return;
        }

        InvocationResult result;
        try
        {
            // Queued behind other invocations until it is handed over; then it runs to its end even if the caller leaves.
            using var queue = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            result = await sandbox.InvokeAsync(payload, clientContext, requestId, queue.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            result = LambdaErrors.HostStopped(requestId);
        }

        context.Response.Headers[WireNames.ExecutedVersion] = "$LATEST";
        if (result.IsFunctionError)
        {
            context.Response.Headers[WireNames.FunctionError] = "Unhandled";
        }

        await HttpBodies.WriteJsonAsync(context.Response, StatusCodes.Status200OK, result.Payload).ConfigureAwait(false);
    }

    private async Task RunDetachedAsync(byte[] payload, string? clientContext, string requestId)
    {
        try
        {
            await sandbox.InvokeAsync(payload, clientContext, requestId, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host stopped before its turn came; an asynchronous invocation has nobody to tell.
        }
    }

    private string Arn(string requested) => requested.StartsWith("arn:", StringComparison.Ordinal)
        ? requested
        : $"arn:aws:lambda:{options.Region}:{options.AccountId}:function:{requested}";

    private static bool IsJson(byte[] payload)
    {
        try
        {
            using var _ = JsonDocument.Parse(payload);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The Invoke API takes the client context base64-encoded; the runtime gets it decoded.</summary>
    private static string? DecodeClientContext(string header)
    {
        if (header.Length == 0)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Task ServiceErrorAsync(HttpContext context, int status, string errorType, string type, string message)
    {
        context.Response.Headers[WireNames.AmznErrorType] = errorType;
        return HttpBodies.WriteJsonAsync(context.Response, status, LambdaErrors.ServiceBody(type, message));
    }
}
