using System.Text;
using System.Text.Json.Nodes;
using AttrMapper.Logging;
using AttrMapper.Tests.Fakes;
using AttrMapper.Triggers;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Triggers;

public sealed class TriggerDispatchTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private sealed class RecordingHandler(string reason) : ITriggerHandler
    {
        public List<string> Seen { get; } = [];

        public Task<TriggerAnswer> HandleAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct)
        {
            Seen.Add(trigger.TriggerSource);
            scope.UpstreamCalls++;
            return Task.FromResult(new TriggerAnswer(OutcomeKind.Rejected, reason, ResponseWriter.Reject(trigger)));
        }
    }

    private TriggerDispatch Dispatch(params TriggerRoute[] routes) => new(routes, TimeSpan.FromSeconds(4), clock);

    private Task<HandledInvocation> Send(TriggerDispatch dispatch, JsonObject sent) =>
        dispatch.HandleAsync(new TriggerInvocation("req-1", Events.Bytes(sent), clock.GetUtcNow(), null), CancellationToken.None);

    private static JsonObject Event(string triggerSource)
    {
        var sent = Events.SignIn();
        sent["triggerSource"] = triggerSource;
        return sent;
    }

    [Fact]
    public async Task HandleAsync_RoutedSource_GoesToItsHandlerOnly()
    {
        var migration = new RecordingHandler("migration");
        var tokens = new RecordingHandler("tokens");
        var dispatch = Dispatch(new TriggerRoute("UserMigration_Authentication", migration), new TriggerRoute("TokenGeneration_*", tokens));

        var handled = await Send(dispatch, Event("UserMigration_Authentication"));

        migration.Seen.ShouldBe(["UserMigration_Authentication"]);
        tokens.Seen.ShouldBeEmpty();
        handled.Record.Reason.ShouldBe("migration");
        handled.Record.UpstreamCalls.ShouldBe(1);
        handled.Record.UserName.ShouldBe("alice");
    }

    [Theory]
    [InlineData("TokenGeneration_HostedAuth")]
    [InlineData("TokenGeneration_RefreshTokens")]
    public async Task HandleAsync_FamilyRoute_TakesEverySourceWithItsPrefixAndLogsThePattern(string source)
    {
        var tokens = new RecordingHandler("tokens");

        var handled = await Send(Dispatch(new TriggerRoute("TokenGeneration_*", tokens)), Event(source));

        tokens.Seen.ShouldBe([source]);
        handled.Record.TriggerSource.ShouldBe("TokenGeneration_*");
    }

    [Fact]
    public async Task HandleAsync_NoRouteTakesTheSource_RejectsWithoutCallingAnyHandler()
    {
        var migration = new RecordingHandler("migration");
        var sent = Event("PreSignUp_SignUp");

        var handled = await Send(Dispatch(new TriggerRoute("UserMigration_Authentication", migration)), sent);

        migration.Seen.ShouldBeEmpty();
        handled.Record.Outcome.ShouldBe(OutcomeKind.Rejected);
        handled.Record.Reason.ShouldBe(TriggerReasons.UnknownTrigger);
        handled.Record.UpstreamCalls.ShouldBe(0);
        JsonNode.DeepEquals(JsonNode.Parse(handled.Response!), Events.ExpectedReject(sent)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("PreSignUp_SignUp\"injected", "other")]
    [InlineData("UserMigration_Authentication_", "other")]
    [InlineData("UserMigration_ForgotPassword", "UserMigration_ForgotPassword")]
    public async Task HandleAsync_TriggerSource_IsLoggedFromABoundedSet(string sent, string logged)
    {
        var dispatch = Dispatch(new TriggerRoute("UserMigration_Authentication", new RecordingHandler("a")), new TriggerRoute("UserMigration_ForgotPassword", new RecordingHandler("f")));
        var output = new MemoryStream();

        var handled = await Send(dispatch, Event(sent));
        new InvocationLog(output, clock, new UserHasher([1, 2, 3]), logUserNames: false).Write(handled.Record);

        var line = JsonNode.Parse(Encoding.UTF8.GetString(output.ToArray()))!;
        line["triggerSource"]!.GetValue<string>().ShouldBe(logged);
        line["TriggerSource"]!.GetValue<string>().ShouldBe(logged);
    }

    [Fact]
    public async Task HandleAsync_MalformedBody_FaultsWithoutCallingAnyHandlerAndLogsNoSource()
    {
        var migration = new RecordingHandler("migration");

        var handled = await Dispatch(new TriggerRoute("UserMigration_Authentication", migration))
            .HandleAsync(new TriggerInvocation("r", "[1,2]"u8.ToArray(), clock.GetUtcNow(), null), CancellationToken.None);

        migration.Seen.ShouldBeEmpty();
        handled.Response.ShouldBeNull();
        handled.Record.Outcome.ShouldBe(OutcomeKind.Fault);
        handled.Record.Reason.ShouldBe(TriggerReasons.MalformedEvent);
        handled.Record.TriggerSource.ShouldBeNull();
    }

    [Fact]
    public void Crashed_LogsAFaultWithTheInternalReasonOnly()
    {
        var handled = TriggerDispatch.Crashed("req-7", TimeSpan.FromMilliseconds(3));

        handled.Response.ShouldBeNull();
        handled.Record.ShouldBe(new InvocationRecord("req-7", null, OutcomeKind.Fault, TriggerReasons.Internal, TimeSpan.FromMilliseconds(3), 0, null, null));
    }
}
