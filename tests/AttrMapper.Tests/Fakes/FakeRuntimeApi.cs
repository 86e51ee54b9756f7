using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace AttrMapper.Tests.Fakes;

/// <summary>A Lambda Runtime API on loopback: hands out queued events and records every answer posted back.</summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Channel<(string Id, byte[] Body, long? DeadlineMs)> events = Channel.CreateUnbounded<(string, byte[], long?)>();
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private int nextFailuresLeft;

    public FakeRuntimeApi()
    {
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public ConcurrentQueue<Answer> Answers { get; } = new();

    public Channel<Answer> AnswerStream { get; } = Channel.CreateUnbounded<Answer>();

    public int NextCalls;

    public void Enqueue(string requestId, byte[] body, long? deadlineMs = null) => events.Writer.TryWrite((requestId, body, deadlineMs));

    /// <summary>The next <paramref name="count"/> <c>/next</c> calls answer 500.</summary>
    public void FailNext(int count) => nextFailuresLeft = count;

    public async Task<Answer> NextAnswerAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        return await AnswerStream.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        listener.Close();
        try
        {
            await serving;
        }
        catch (Exception)
        {
            // Stopping the listener ends GetContextAsync with an exception.
        }

        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var context = await listener.GetContextAsync();
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        try
        {
            if (path == "/2018-06-01/runtime/invocation/next")
            {
                Interlocked.Increment(ref NextCalls);
                if (Interlocked.Decrement(ref nextFailuresLeft) >= 0)
                {
                    context.Response.StatusCode = 500;
                    context.Response.Close();
                    return;
                }

                var (id, body, deadline) = await events.Reader.ReadAsync(stop.Token);
                context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = id;
                context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = (deadline ?? DateTimeOffset.UtcNow.AddSeconds(5).ToUnixTimeMilliseconds()).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793";
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
                return;
            }

            using var reader = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(reader);
            var answer = new Answer(path, context.Request.Headers["Lambda-Runtime-Function-Error-Type"], reader.ToArray());
            Answers.Enqueue(answer);
            AnswerStream.Writer.TryWrite(answer);
            context.Response.StatusCode = 202;
            context.Response.Close();
        }
        catch (Exception)
        {
            context.Response.Abort();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public sealed record Answer(string Path, string? ErrorType, byte[] Body)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Body);

        public bool IsError => Path.EndsWith("/error", StringComparison.Ordinal);
    }
}
