using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using AttrMapper.LocalPeers;
using Microsoft.AspNetCore.Http;

namespace AttrMapper.RuntimeBench;

/// <summary>
/// A Lambda Runtime API on 127.0.0.1 (Kestrel, like the other local peers) that hands out queued events and stamps, with
/// <see cref="Stopwatch.GetTimestamp"/>, the arrival of every <c>/next</c> call and every answer.
/// </summary>
internal sealed class RuntimeApiServer : IAsyncDisposable
{
    private const string NextPath = "/2018-06-01/runtime/invocation/next";

    private readonly Channel<byte[]> _events = Channel.CreateUnbounded<byte[]>();
    private readonly long[] _nextArrivals;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<long> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<long> _firstAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackServer? _server;
    private int _nextCalls;
    private int _handedOut;
    private int _answers;
    private int _migrated;
    private int _rejected;
    private int _errors;
    private TaskCompletionSource _answersReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _answersWanted = int.MaxValue;

    private RuntimeApiServer(int capacity) => _nextArrivals = new long[capacity + 1];

    /// <summary>host:port, the value of AWS_LAMBDA_RUNTIME_API.</summary>
    public string Endpoint => _server!.Endpoint.Authority;

    public Task<long> FirstNext => _firstNext.Task;

    public Task<long> FirstAnswer => _firstAnswer.Task;

    public int Answers => Volatile.Read(ref _answers);

    /// <summary>Answers whose body carries finalUserStatus CONFIRMED (a migration).</summary>
    public int Migrated => Volatile.Read(ref _migrated);

    /// <summary>Answers whose body carries an empty response (a reject).</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    /// <summary>Error posts (invocation or init errors).</summary>
    public int Errors => Volatile.Read(ref _errors);

    public static async Task<RuntimeApiServer> StartAsync(int capacity)
    {
        var api = new RuntimeApiServer(capacity);
        api._server = await LoopbackServer.StartAsync(api.HandleAsync).ConfigureAwait(false);
        return api;
    }

    public void Enqueue(byte[] body, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            _events.Writer.TryWrite(body);
        }
    }

    /// <summary>
    /// Completes once <paramref name="total"/> answers in all have arrived. Call it before queueing the events it waits
    /// for, so no answer is compared with the previous target.
    /// </summary>
    public Task AnswersReached(int total)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _answersReached, reached);
        Volatile.Write(ref _answersWanted, total);
        if (Answers >= total)
        {
            reached.TrySetResult();
        }

        return reached.Task;
    }

    /// <summary>Arrival time of the n-th (0-based) /next call.</summary>
    public long NextArrival(int n) => _nextArrivals[n];

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private static bool Contains(ReadOnlySpan<byte> body, ReadOnlySpan<byte> what) => body.IndexOf(what) >= 0;

    private async Task HandleAsync(HttpContext context)
    {
        var now = Stopwatch.GetTimestamp();
        var path = context.Request.Path.Value ?? string.Empty;
        if (path == NextPath)
        {
            var n = Interlocked.Increment(ref _nextCalls) - 1;
            if (n < _nextArrivals.Length)
            {
                _nextArrivals[n] = now;
            }

            _firstNext.TrySetResult(now);
            byte[] body;
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
                body = await _events.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return;
            }

            var id = Interlocked.Increment(ref _handedOut);
            context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = "req-" + id.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddSeconds(5).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:eu-west-1:000000000000:function:attrmapper";
            context.Response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793";
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (path.EndsWith("/response", StringComparison.Ordinal))
        {
            var answer = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            if (Contains(answer, "\"finalUserStatus\":\"CONFIRMED\""u8))
            {
                Interlocked.Increment(ref _migrated);
            }
            else if (Contains(answer, "\"response\":{}"u8))
            {
                Interlocked.Increment(ref _rejected);
            }
        }
        else
        {
            Interlocked.Increment(ref _errors);
        }

        _firstAnswer.TrySetResult(now);
        context.Response.StatusCode = 202;
        if (Interlocked.Increment(ref _answers) >= Volatile.Read(ref _answersWanted))
        {
            Volatile.Read(ref _answersReached).TrySetResult();
        }
    }
}
