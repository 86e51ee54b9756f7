using System.Text;
using AttrMapper.Runtime;
using AttrMapper.Tests.Fakes;

namespace AttrMapper.Tests.Runtime;

public sealed class RuntimeLoopTests
{
    private static readonly FunctionError Fault = new("MigrationUnavailable",
        Encoding.UTF8.GetBytes("""{"errorType":"MigrationUnavailable","errorMessage":"User migration is temporarily unavailable."}"""));

    /// <summary>Answers with bytes it is given (null: fault) and records what the loop tells it: the loop's whole contract.</summary>
    private sealed class ScriptedHandler(Func<Invocation, byte[]?> answer) : IInvocationHandler
    {
        public List<Invocation> Seen { get; } = [];

        public List<(string RequestId, AnswerDelivery Delivery)> Completed { get; } = [];

        public List<string> Crashes { get; } = [];

        public List<string> LoopFailures { get; } = [];

        public Task<InvocationResult> HandleAsync(Invocation invocation, CancellationToken ct)
        {
            Seen.Add(invocation);
            var body = answer(invocation);
            return Task.FromResult(new InvocationResult(body, delivery => Completed.Add((invocation.RequestId, delivery))));
        }

        public InvocationResult Crashed(Invocation invocation, TimeSpan elapsed)
        {
            Crashes.Add(invocation.RequestId);
            return new InvocationResult(null, delivery => Completed.Add((invocation.RequestId, delivery)));
        }

        public void LoopFailed(string reason) => LoopFailures.Add(reason);
    }

    private static RuntimeLoop Loop(FakeRuntimeApi api, IInvocationHandler handler, HttpClient http) =>
        new(RuntimeApiClient.FromEndpoint(http, api.Endpoint, TimeProvider.System), handler, Fault, TimeProvider.System);

    [Fact]
    public async Task RunAsync_EachEvent_GetsExactlyOneTerminalPost()
    {
        await using var api = new FakeRuntimeApi();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var handler = new ScriptedHandler(i => i.RequestId == "fault" ? null : Encoding.UTF8.GetBytes("{\"ok\":true}"));
        var loop = Loop(api, handler, http);
        using var cts = new CancellationTokenSource();
        api.Enqueue("good", "{}"u8.ToArray());
        api.Enqueue("fault", "{}"u8.ToArray());
        api.Enqueue("again", "{}"u8.ToArray());

        var running = loop.RunAsync(cts.Token);
        var answers = new[]
        {
            await api.NextAnswerAsync(TimeSpan.FromSeconds(20)),
            await api.NextAnswerAsync(TimeSpan.FromSeconds(20)),
            await api.NextAnswerAsync(TimeSpan.FromSeconds(20)),
        };
        await cts.CancelAsync();
        (await running.WaitAsync(TimeSpan.FromSeconds(20))).ShouldBe(0);

        answers.Select(a => a.Path).ShouldBe([
            "/2018-06-01/runtime/invocation/good/response",
            "/2018-06-01/runtime/invocation/fault/error",
            "/2018-06-01/runtime/invocation/again/response",
        ]);
        answers[0].Text.ShouldBe("{\"ok\":true}");
        answers[1].ErrorType.ShouldBe("MigrationUnavailable");
        answers[1].Text.ShouldBe("""{"errorType":"MigrationUnavailable","errorMessage":"User migration is temporarily unavailable."}""");
        api.Answers.Count.ShouldBe(3);
        // Once each; the last post may still be in flight when the test stops the loop (then it is Cancelled).
        handler.Completed.Select(c => c.RequestId).ShouldBe(["good", "fault", "again"]);
        handler.Completed.Take(2).ShouldAllBe(c => c.Delivery == AnswerDelivery.Posted);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_PostsTheConstantFaultAndGoesOn()
    {
        await using var api = new FakeRuntimeApi();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var handler = new ScriptedHandler(i => i.RequestId == "boom"
            ? throw new InvalidOperationException("secret detail Canary-Pa55word-7f3a9c")
            : "{}"u8.ToArray());
        var loop = Loop(api, handler, http);
        using var cts = new CancellationTokenSource();
        api.Enqueue("boom", "{}"u8.ToArray());
        api.Enqueue("next", "{}"u8.ToArray());

        var running = loop.RunAsync(cts.Token);
        var first = await api.NextAnswerAsync(TimeSpan.FromSeconds(20));
        var second = await api.NextAnswerAsync(TimeSpan.FromSeconds(20));
        await cts.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(20));

        first.IsError.ShouldBeTrue();
        first.Text.ShouldNotContain("Canary");
        second.Path.ShouldEndWith("/next/response");
        first.Text.ShouldBe(Encoding.UTF8.GetString(Fault.Body));
        handler.Crashes.ShouldBe(["boom"]);
        handler.Completed.Select(c => c.RequestId).ShouldBe(["boom", "next"]);
        handler.Completed[0].Delivery.ShouldBe(AnswerDelivery.Posted);
    }

    [Fact]
    public async Task RunAsync_NextFailsTransiently_RetriesAndServes()
    {
        await using var api = new FakeRuntimeApi();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var loop = Loop(api, new ScriptedHandler(_ => "{}"u8.ToArray()), http);
        using var cts = new CancellationTokenSource();
        api.FailNext(RuntimeLoop.MaxNextFailures - 1);
        api.Enqueue("after-failures", "{}"u8.ToArray());

        var running = loop.RunAsync(cts.Token);
        var answer = await api.NextAnswerAsync(TimeSpan.FromSeconds(20));
        await cts.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(20));

        answer.Path.ShouldContain("after-failures");
    }

    [Fact]
    public async Task RunAsync_NextKeepsFailing_ExitsNonZero()
    {
        await using var api = new FakeRuntimeApi();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var handler = new ScriptedHandler(_ => throw new InvalidOperationException());
        var loop = Loop(api, handler, http);
        api.FailNext(100);

        var code = await loop.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        code.ShouldBe(1);
        api.NextCalls.ShouldBe(RuntimeLoop.MaxNextFailures);
        handler.LoopFailures.ShouldBe([RuntimeLoop.RuntimeApiUnreachable]);
        RuntimeLoop.RuntimeApiUnreachable.ShouldBe("runtime_api_unreachable");
    }

    [Fact]
    public async Task InvokeOnceAsync_PassesRequestIdDeadlineAndTrace()
    {
        await using var api = new FakeRuntimeApi();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var handler = new ScriptedHandler(_ => "{}"u8.ToArray());
        var loop = Loop(api, handler, http);
        using var cts = new CancellationTokenSource();
        api.Enqueue("id-1", "{\"a\":1}"u8.ToArray(), deadlineMs: 1_900_000_000_000);

        var running = loop.RunAsync(cts.Token);
        await api.NextAnswerAsync(TimeSpan.FromSeconds(20));
        await cts.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(20));

        var seen = handler.Seen.ShouldHaveSingleItem();
        seen.RequestId.ShouldBe("id-1");
        seen.LambdaDeadline.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_000_000));
        seen.TraceId.ShouldBe("Root=1-5759e988-bd862e3fe1be46a994272793");
        Encoding.UTF8.GetString(seen.Body).ShouldBe("{\"a\":1}");
    }
}
