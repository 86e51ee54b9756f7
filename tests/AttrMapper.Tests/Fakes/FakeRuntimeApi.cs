using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using AttrMapper.LocalPeers;
using Microsoft.AspNetCore.Http;

namespace AttrMapper.Tests.Fakes;

/// <summary>
/// A Lambda Runtime API on loopback: hands out queued events and records every answer posted back. It listens on a port
/// the OS chose when it bound (a <see cref="LoopbackServer"/>), so no other process can take the port in between.
/// </summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    private const string NextPath = "/2018-06-01/runtime/invocation/next";

    private readonly Channel<(string Id, byte[] Body, long? DeadlineMs)> events = Channel.CreateUnbounded<(string, byte[], long?)>();
    private readonly CancellationTokenSource stop = new();
    private readonly LoopbackServer server;
    private int nextFailuresLeft;

    /// <summary>Listening once constructed. Kestrel's start only binds, so it is waited for here rather than made async for every caller.</summary>
    public FakeRuntimeApi()
    {
        server = LoopbackServer.StartAsync(HandleAsync).GetAwaiter().GetResult();
    }

    public int Port => server.Endpoint.Port;

    public string Endpoint => $"127.0.0.1:{Port}";

    public ConcurrentQueue<Answer> Answers { get; } = new();

    public Channel<Answer> AnswerStream { get; } = Channel.CreateUnbounded<Answer>();

    public int NextCalls;

    public void Enqueue(string requestId, byte[] body, long? deadlineMs = null) => events.Writer.TryWrite((requestId, body, deadlineMs));

    /// <summary>The next <paramref name="count"/> <c>/next</c> calls answer 500.</summary>
    public void FailNext(int count) => Volatile.Write(ref nextFailuresLeft, count);

    /// <summary>The next answer posted; <paramref name="within"/> only bounds a hang.</summary>
    public async Task<Answer> NextAnswerAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        return await AnswerStream.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        // Ends the /next calls still waiting for an event, so the server stops without waiting for them.
        await stop.CancelAsync();
        await server.DisposeAsync();
        stop.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path == NextPath)
        {
            Interlocked.Increment(ref NextCalls);
            if (Interlocked.Decrement(ref nextFailuresLeft) >= 0)
            {
                context.Response.StatusCode = 500;
                return;
            }

            (string Id, byte[] Body, long? DeadlineMs) next;
            using (var gone = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, context.RequestAborted))
            {
                try
                {
                    // A runtime that went away leaves its event queued for the next /next.
                    next = await events.Reader.ReadAsync(gone.Token);
                }
                catch (OperationCanceledException)
                {
                    context.Abort();
                    return;
                }
            }

            var (id, body, deadline) = next;
            context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = id;
            context.Response.Headers["Lambda-Runtime-Deadline-Ms"] =
                (deadline ?? DateTimeOffset.UtcNow.AddSeconds(5).ToUnixTimeMilliseconds()).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793";
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
            return;
        }

        using var reader = new MemoryStream();
        await context.Request.Body.CopyToAsync(reader);
        var errorType = context.Request.Headers.TryGetValue("Lambda-Runtime-Function-Error-Type", out var value) ? value.ToString() : null;
        var answer = new Answer(path, errorType, reader.ToArray());
        Answers.Enqueue(answer);
        AnswerStream.Writer.TryWrite(answer);
        context.Response.StatusCode = 202;
    }

    public sealed record Answer(string Path, string? ErrorType, byte[] Body)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Body);

        public bool IsError => Path.EndsWith("/error", StringComparison.Ordinal);
    }
}
