using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AttrMapper.LambdaHost.Invocations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AttrMapper.LambdaHost.RuntimeApi;

/// <summary>The Lambda Runtime API (2018-06-01) as the bootstrap sees it.</summary>
internal sealed class RuntimeApiEndpoints(LambdaHostOptions options, Sandbox sandbox, CancellationToken stopping)
{
    private static readonly byte[] Ok = "{\"status\":\"OK\"}"u8.ToArray();

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(WireNames.NextPath, NextAsync);
        app.MapPost(WireNames.ResponsePath, ResponseAsync);
        app.MapPost(WireNames.ErrorPath, ErrorAsync);
        app.MapPost(WireNames.InitErrorPath, InitErrorAsync);
    }

    private async Task NextAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        Invocation invocation;
        try
        {
            invocation = await sandbox.NextAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                await HttpBodies.WriteJsonAsync(
                    context.Response,
                    StatusCodes.Status500InternalServerError,
                    LambdaErrors.Body("Runtime.ExitError", "The execution environment is shutting down.")).ConfigureAwait(false);
            }

            return;
        }

        var headers = context.Response.Headers;
        headers[WireNames.RequestId] = invocation.RequestId;
        headers[WireNames.DeadlineMs] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers[WireNames.InvokedFunctionArn] = options.FunctionArn;
        headers[WireNames.TraceId] = TraceId(invocation.Deadline - options.Timeout);
        if (invocation.ClientContext is { } clientContext)
        {
            headers[WireNames.ClientContext] = clientContext;
        }

        await HttpBodies.WriteJsonAsync(context.Response, StatusCodes.Status200OK, invocation.Payload).ConfigureAwait(false);
    }

    private async Task ResponseAsync(HttpContext context)
    {
        var requestId = RequestIdOf(context);
        var body = await HttpBodies.ReadAsync(context.Request, LambdaErrors.MaxSyncPayloadBytes, context.RequestAborted)
            .ConfigureAwait(false);
        if (body is null)
        {
            sandbox.CompleteFromRuntime(requestId, LambdaErrors.ResponseTooLarge(requestId));
            await HttpBodies.WriteJsonAsync(
                context.Response,
                StatusCodes.Status413PayloadTooLarge,
                LambdaErrors.Body(
                    "RequestEntityTooLarge",
                    string.Create(CultureInfo.InvariantCulture, $"Exceeded maximum allowed payload size ({LambdaErrors.MaxSyncPayloadBytes} bytes).")))
                .ConfigureAwait(false);
            return;
        }

        var status = sandbox.CompleteFromRuntime(requestId, new InvocationResult(requestId, InvocationOutcome.Success, body, null));
        await AnswerAsync(context, status).ConfigureAwait(false);
    }

    private async Task ErrorAsync(HttpContext context)
    {
        var requestId = RequestIdOf(context);
        var body = await HttpBodies.ReadAsync(context.Request, LambdaErrors.MaxSyncPayloadBytes, context.RequestAborted)
            .ConfigureAwait(false) ?? [];
        var (errorBody, errorType) = LambdaErrors.FromRuntimeError(body, HeaderOf(context, WireNames.FunctionErrorType));
        var status = sandbox.CompleteFromRuntime(
            requestId, new InvocationResult(requestId, InvocationOutcome.FunctionError, errorBody, errorType));
        await AnswerAsync(context, status).ConfigureAwait(false);
    }

    private async Task InitErrorAsync(HttpContext context)
    {
        var body = await HttpBodies.ReadAsync(context.Request, LambdaErrors.MaxSyncPayloadBytes, context.RequestAborted)
            .ConfigureAwait(false) ?? [];
        var (status, generation) = sandbox.ReportInitError(body, HeaderOf(context, WireNames.FunctionErrorType));
        if (status != RuntimePostStatus.Accepted)
        {
            await HttpBodies.WriteJsonAsync(
                context.Response,
                StatusCodes.Status403Forbidden,
                LambdaErrors.Body("InvalidStateTransition", "Init error is accepted only before the first /next.")).ConfigureAwait(false);
            return;
        }

        // Lambda discards an environment whose init failed; the runtime gets its 202 first.
        context.Response.OnCompleted(() =>
        {
            sandbox.Child?.Kill(generation, KillReason.InitError);
            return Task.CompletedTask;
        });
        await HttpBodies.WriteJsonAsync(context.Response, StatusCodes.Status202Accepted, Ok).ConfigureAwait(false);
    }

    private static Task AnswerAsync(HttpContext context, RuntimePostStatus status) => status switch
    {
        RuntimePostStatus.Accepted => HttpBodies.WriteJsonAsync(context.Response, StatusCodes.Status202Accepted, Ok),
        RuntimePostStatus.UnknownRequestId => HttpBodies.WriteJsonAsync(
            context.Response,
            StatusCodes.Status400BadRequest,
            LambdaErrors.Body("InvalidRequestID", "No invocation in progress has this request id.")),
        _ => HttpBodies.WriteJsonAsync(
            context.Response,
            StatusCodes.Status400BadRequest,
            LambdaErrors.Body("InvalidStateTransition", "This invocation has already been answered or has timed out.")),
    };

    private static string RequestIdOf(HttpContext context) =>
        context.Request.RouteValues["requestId"] as string ?? string.Empty;

    private static string? HeaderOf(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;

    private static string TraceId(DateTimeOffset start)
    {
        Span<byte> random = stackalloc byte[20];
        RandomNumberGenerator.Fill(random);
        var hex = Convert.ToHexStringLower(random);
        var builder = new StringBuilder("Root=1-");
        builder.Append(start.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture))
            .Append('-').Append(hex.AsSpan(0, 24))
            .Append(";Parent=").Append(hex.AsSpan(24, 16))
            .Append(";Sampled=0");
        return builder.ToString();
    }
}
