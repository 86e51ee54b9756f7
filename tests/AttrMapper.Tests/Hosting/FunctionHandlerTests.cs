using System.Text;
using System.Text.Json.Nodes;
using AttrMapper.Hosting;
using AttrMapper.Logging;
using AttrMapper.Runtime;
using AttrMapper.Tests.Fakes;
using AttrMapper.Triggers;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Hosting;

public sealed class FunctionHandlerTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly MemoryStream output = new();

    private sealed class Rejecting : ITriggerHandler
    {
        public Task<TriggerAnswer> HandleAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct) =>
            Task.FromResult(new TriggerAnswer(OutcomeKind.Rejected, "bad_credentials", ResponseWriter.Reject(trigger)));
    }

    private FunctionHandler Handler() => new(
        new TriggerDispatch([new TriggerRoute(TriggerEvent.Authentication, new Rejecting())], TimeSpan.FromSeconds(4), clock),
        new InvocationLog(output, clock, new UserHasher([1, 2, 3]), logUserNames: false));

    private Invocation Invocation() => new("req-1", Events.Bytes(Events.SignIn()), clock.GetUtcNow(), null, null);

    private List<JsonObject> Lines() =>
        Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    [Fact]
    public async Task HandleAsync_Posted_LogsTheDispatchRecordOnceAfterThePost()
    {
        var result = await Handler().HandleAsync(Invocation(), CancellationToken.None);
        Lines().ShouldBeEmpty();

        result.Completed(AnswerDelivery.Posted);

        var line = Lines().ShouldHaveSingleItem();
        line["outcome"]!.GetValue<string>().ShouldBe("rejected");
        line["reason"]!.GetValue<string>().ShouldBe("bad_credentials");
        line["triggerSource"]!.GetValue<string>().ShouldBe("UserMigration_Authentication");
    }

    [Fact]
    public async Task HandleAsync_AnswerTooLarge_LogsAFaultForResponseTooLarge()
    {
        var result = await Handler().HandleAsync(Invocation(), CancellationToken.None);

        result.Completed(AnswerDelivery.TooLarge);

        var line = Lines().ShouldHaveSingleItem();
        line["level"]!.GetValue<string>().ShouldBe("ERROR");
        line["outcome"]!.GetValue<string>().ShouldBe("fault");
        line["reason"]!.GetValue<string>().ShouldBe("response_too_large");
        line["Faults"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public void Crashed_AnswersTheFaultAndLogsInternalError()
    {
        var result = Handler().Crashed(Invocation(), TimeSpan.FromMilliseconds(2));

        result.Response.ShouldBeNull();
        result.Completed(AnswerDelivery.Posted);
        var line = Lines().ShouldHaveSingleItem();
        line["outcome"]!.GetValue<string>().ShouldBe("fault");
        line["reason"]!.GetValue<string>().ShouldBe("internal_error");
        line["triggerSource"]!.GetValue<string>().ShouldBe("none");
    }

    [Fact]
    public void LoopFailed_WritesAnErrorEventWithTheCode()
    {
        Handler().LoopFailed(RuntimeLoop.AnswerNotDelivered);

        var line = Lines().ShouldHaveSingleItem();
        line["level"]!.GetValue<string>().ShouldBe("ERROR");
        line["reason"]!.GetValue<string>().ShouldBe("answer_not_delivered");
    }
}
