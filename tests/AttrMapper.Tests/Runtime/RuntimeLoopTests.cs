using System.Text;
using AttrMapper.Logging;
using AttrMapper.Migration;
using AttrMapper.Runtime;
using AttrMapper.Tests.Fakes;

namespace AttrMapper.Tests.Runtime;

public sealed class RuntimeLoopTests
{
    private sealed class ScriptedHandler(Func<Invocation, HandledInvocation> answer) : IInvocationHandler
    {
        public List<Invocation> Seen { get; } = [];

        public Task<HandledInvocation> HandleAsync(Invocation invocation, CancellationToken ct)
        {
            Seen.Add(invocation);
            return Task.FromResult(answer(invocation));
        }
    }

    private static InvocationRecord Record(Invocation invocation, OutcomeKind outcome) =>
        new(invocation.RequestId, "UserMigration_Authentication", outcome, "test", TimeSpan.FromMilliseconds(1), 0, null, null);

    private static (RuntimeLoop Loop, MemoryStream Log) Loop(FakeRuntimeApi api, IInvocationHandler handler, HttpClient http)
    {
        var log = new MemoryStream();
        var loop = new RuntimeLoop(
            RuntimeApiClient.FromEndpoint(http, api.Endpoint, TimeProvider.System),
            handler,
            new InvocationLog(log, TimeProvider.System, new UserHasher([1, 2, 3]), logUserNames: false),
            TimeProvider.System);
        return (loop, log);
    }

    [Fact]
    public async Task RunAsync_EachEvent_GetsExactlyOneTerminalPost()
    {
        await using var api = new FakeRuntimeApi();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var handler = new ScriptedHandler(i => i.RequestId == "fault"
            ? new HandledInvocation(null, Record(i, OutcomeKind.Fault))
            : new HandledInvocation(Encoding.UTF8.GetBytes("{\"ok\":true}"), Record(i, OutcomeKind.Migrated)));
        var (loop, log) = Loop(api, handler, http);
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
        Encoding.UTF8.GetString(log.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_PostsTheConstantFaultAndGoesOn()
    {
        await using var api = new FakeRuntimeApi();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var handler = new ScriptedHandler(i => i.RequestId == "boom"
            ? throw new InvalidOperationException("secret detail Canary-Pa55word-7f3a9c")
            : new HandledInvocation("{}"u8.ToArray(), Record(i, OutcomeKind.Rejected)));
        var (loop, log) = Loop(api, handler, http);
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
        Encoding.UTF8.GetString(log.ToArray()).ShouldNotContain("Canary");
    }

    [Fact]
    public async Task RunAsync_NextFailsTransiently_RetriesAndServes()
    {
        await using var api = new FakeRuntimeApi();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var (loop, _) = Loop(api, new ScriptedHandler(i => new HandledInvocation("{}"u8.ToArray(), Record(i, OutcomeKind.Rejected))), http);
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
        var (loop, log) = Loop(api, new ScriptedHandler(i => throw new InvalidOperationException()), http);
        api.FailNext(100);

        var code = await loop.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        code.ShouldBe(1);
        api.NextCalls.ShouldBe(RuntimeLoop.MaxNextFailures);
        Encoding.UTF8.GetString(log.ToArray()).ShouldContain("runtime_api_unreachable");
    }

    [Fact]
    public async Task InvokeOnceAsync_PassesRequestIdDeadlineAndTrace()
    {
        await using var api = new FakeRuntimeApi();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var handler = new ScriptedHandler(i => new HandledInvocation("{}"u8.ToArray(), Record(i, OutcomeKind.Rejected)));
        var (loop, _) = Loop(api, handler, http);
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
