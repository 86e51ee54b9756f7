using System.Text.Json.Nodes;
using AttrMapper.Cognito;
using AttrMapper.Configuration;
using AttrMapper.Groups;
using AttrMapper.Migration;
using AttrMapper.Parameters;
using AttrMapper.Tests.Fakes;
using AttrMapper.Triggers;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Groups;

/// <summary>A migration with a groups map reads the old groups beside AdminGetUser and carries the marker (DESIGN.md §5).</summary>
public sealed class MigrationMarkerTests
{
    private static readonly byte[] MarkerKey = FakeKeySource.TestKey.Derive(FunctionKey.GroupsMarkerPurpose);
    private readonly FakeOldPool pool = new();
    private readonly FakeNewPool newPool = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private static OldUser Alice(string email = "alice@example.com") => new("alice", true, "CONFIRMED",
        [new("sub", "0f1e"), new("email", email), new("email_verified", "true")]);

    private static readonly FunctionOptions Options = new()
    {
        OldUserPoolId = "eu-west-1_OldPool01", OldClientId = "c", MapParameterName = "/m", NewUserPoolId = Events.NewPool,
    };

    private async Task<(JsonObject Response, HandledInvocation Handled)> Handle(JsonObject sent, string map = Maps.WithGroups, IKeySource? keys = null)
    {
        var handler = new MigrationHandler(Options, pool, FakeMapSource.Of(map), clock, new HandlerTuning { RetryDelay = TimeSpan.Zero },
            new MarkerWriter(keys ?? FakeKeySource.Holding(), new PoolSignInKinds(newPool)));
        var dispatch = new TriggerDispatch(
            [new TriggerRoute(TriggerEvent.Authentication, handler), new TriggerRoute(TriggerEvent.ForgotPassword, handler)], Options.MigrationDeadline, clock);
        var handled = await dispatch.HandleAsync(new TriggerInvocation("r", Events.Bytes(sent), clock.GetUtcNow(), null), CancellationToken.None);
        return (JsonNode.Parse(handled.Response!)!["response"]!.AsObject(), handled);
    }

    [Fact]
    public async Task SignIn_UserWithGroups_AnswerCarriesAVerifiableMarkerOfTheMappedGroups()
    {
        pool.Auth(new AuthResult(true, null)).User(Alice()).GroupsPage(null, "admins", "staff", "beta");

        var (response, handled) = await Handle(Events.SignIn());

        handled.Record.Reason.ShouldBe(Reasons.GroupsCarried);
        handled.Record.UpstreamCalls.ShouldBe(4); // auth, get user, one group page, DescribeUserPool (once per container)
        var marker = response["userAttributes"]!["custom:pending_groups"]!.GetValue<string>();
        GroupsMarker.Verify(MarkerKey, Events.NewPool, "alice", marker)!.Groups.ShouldBe(["admins", "employees", "migrated"]);
        pool.Calls.ShouldContain("AdminListGroupsForUser alice next=");
    }

    [Fact]
    public async Task SignIn_GroupsOverSeveralPages_EveryPageRead()
    {
        pool.Auth(new AuthResult(true, null)).User(Alice()).GroupsPage("p2", "beta").GroupsPage(null, "admins");

        var (response, _) = await Handle(Events.SignIn());

        var marker = response["userAttributes"]!["custom:pending_groups"]!.GetValue<string>();
        GroupsMarker.Verify(MarkerKey, Events.NewPool, "alice", marker)!.Groups.ShouldBe(["admins", "migrated"]);
        pool.Calls.ShouldContain("AdminListGroupsForUser alice next=p2");
    }

    [Theory]
    [InlineData("throttled")]
    [InlineData("500")]
    [InlineData("overflow")]
    public async Task SignIn_GroupReadFails_StillMigratesWithLookup(string fault)
    {
        pool.Auth(new AuthResult(true, null)).User(Alice());
        switch (fault)
        {
            case "throttled": pool.GroupsFail(new CognitoException(CognitoErrorKind.Throttled, "TooManyRequestsException", 400, true)); break;
            case "500": pool.GroupsFail(new CognitoException(CognitoErrorKind.ServerError, "InternalErrorException", 500, false)); break;
            default:
                for (var i = 0; i < 6; i++)
                {
                    pool.GroupsPage("more", $"g{i}");
                }

                break;
        }

        var (response, handled) = await Handle(Events.SignIn());

        handled.Record.Outcome.ShouldBe(AttrMapper.Logging.OutcomeKind.Migrated);
        var marker = response["userAttributes"]!["custom:pending_groups"]!.GetValue<string>();
        GroupsMarker.Verify(MarkerKey, Events.NewPool, "alice", marker)!.OldUsername.ShouldBe("alice");
    }

    [Fact]
    public async Task SignIn_GroupReadHangs_MigratesWithLookupBeforeTheDeadline()
    {
        pool.Auth(new AuthResult(true, null)).User(Alice()).GroupsHang();

        var task = Handle(Events.SignIn());
        while (!task.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        var (response, handled) = await task;
        handled.Record.Outcome.ShouldBe(AttrMapper.Logging.OutcomeKind.Migrated);
        GroupsMarker.Verify(MarkerKey, Events.NewPool, "alice", response["userAttributes"]!["custom:pending_groups"]!.GetValue<string>())!.IsLookup.ShouldBeTrue();
    }

    [Fact]
    public async Task SignIn_NoGroupResults_NoMarker()
    {
        const string map = """{ "version": 1, "rules": [ { "op": "copy", "from": "email" } ], "groups": { "marker": "custom:pending_groups", "rules": [ { "op": "copy", "from": "admins" } ] } }""";
        pool.Auth(new AuthResult(true, null)).User(Alice()).GroupsPage(null, "staff");

        var (response, handled) = await Handle(Events.SignIn(), map);

        handled.Record.Reason.ShouldBe(Reasons.SignedIn);
        response["userAttributes"]!.AsObject().ContainsKey("custom:pending_groups").ShouldBeFalse();
    }

    [Fact]
    public async Task ForgotPassword_UserWithGroups_MarkerCarried()
    {
        pool.User(new OldUser("bob", true, "CONFIRMED", [new("email", "bob@example.com"), new("email_verified", "true")])).GroupsPage(null, "admins");

        var (response, handled) = await Handle(Events.ForgotPassword());

        handled.Record.Reason.ShouldBe(Reasons.GroupsCarried);
        GroupsMarker.Verify(MarkerKey, Events.NewPool, "bob", response["userAttributes"]!["custom:pending_groups"]!.GetValue<string>())!
            .Groups.ShouldBe(["admins", "migrated"]);
    }

    [Fact]
    public async Task SignIn_EmailUsernamePool_MarkerBindsTheEmittedEmailLowerCased()
    {
        newPool.UsernameAttributes = ["email"];
        pool.Auth(new AuthResult(true, null)).User(Alice("Alice@Example.COM")).GroupsPage(null, "admins");

        var (response, _) = await Handle(Events.SignIn("Alice@Example.COM"));

        var marker = response["userAttributes"]!["custom:pending_groups"]!.GetValue<string>();
        GroupsMarker.Verify(MarkerKey, Events.NewPool, "alice@example.com", marker).ShouldNotBeNull();
        GroupsMarker.Verify(MarkerKey, Events.NewPool, "Alice@Example.COM", marker).ShouldBeNull();
    }

    [Fact]
    public async Task SignIn_SecondMigration_DescribeUserPoolNotAskedAgain()
    {
        var handler = new MigrationHandler(Options, pool, FakeMapSource.Of(Maps.WithGroups), clock, new HandlerTuning(),
            new MarkerWriter(FakeKeySource.Holding(), new PoolSignInKinds(newPool)));
        var dispatch = new TriggerDispatch([new TriggerRoute(TriggerEvent.Authentication, handler)], Options.MigrationDeadline, clock);
        for (var i = 0; i < 2; i++)
        {
            pool.Auth(new AuthResult(true, null)).User(Alice()).GroupsPage(null, "admins");
            await dispatch.HandleAsync(new TriggerInvocation("r", Events.Bytes(Events.SignIn()), clock.GetUtcNow(), null), CancellationToken.None);
        }

        newPool.Calls.Count(c => c.StartsWith("DescribeUserPool", StringComparison.Ordinal)).ShouldBe(1);
    }
}
