using System.Text.Json.Nodes;
using AttrMapper.Cognito;
using AttrMapper.Configuration;
using AttrMapper.Groups;
using AttrMapper.Logging;
using AttrMapper.Parameters;
using AttrMapper.Tests.Fakes;
using AttrMapper.Triggers;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Groups;

/// <summary>Every row of DESIGN.md §5 "Group membership", with forged markers and upstream faults, through the dispatch.</summary>
public sealed class GroupTriggersTests
{
    private const string Pool = "eu-west-1_NewPool01";
    private const string Marker = "custom:pending_groups";
    private static readonly byte[] MarkerKey = FakeKeySource.TestKey.Derive(FunctionKey.GroupsMarkerPurpose);
    private static readonly string Fixtures = Path.Combine(RepositoryFiles.Root, "..", "..", "shared", "fixtures");

    private readonly FakeOldPool oldPool = new();
    private readonly FakeNewPool newPool = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public static TheoryData<string> Sources => new()
    {
        "TokenGeneration_Authentication", "TokenGeneration_HostedAuth", "TokenGeneration_NewPasswordChallenge",
        "TokenGeneration_RefreshTokens", "TokenGeneration_AuthenticateDevice",
        SettleHandler.PostAuthentication, SettleHandler.PostConfirmation,
    };

    private static bool IsToken(string source) => source.StartsWith("TokenGeneration_", StringComparison.Ordinal);

    private static JsonObject Event(string source, string? marker, string userName = "alice", string? email = "alice@example.com", string pool = Pool)
    {
        var attributes = new JsonObject { ["sub"] = "7d3a", ["cognito:user_status"] = "CONFIRMED" };
        if (email is not null)
        {
            attributes["email"] = email;
        }

        if (marker is not null)
        {
            attributes[Marker] = marker;
        }

        var request = new JsonObject { ["userAttributes"] = attributes, ["clientMetadata"] = new JsonObject() };
        if (IsToken(source))
        {
            request["groupConfiguration"] = new JsonObject { ["groupsToOverride"] = new JsonArray("readers"), ["iamRolesToOverride"] = new JsonArray("arn:aws:iam::1:role/r"), ["preferredRole"] = "arn:aws:iam::1:role/r" };
        }

        return new JsonObject
        {
            ["version"] = "1", ["triggerSource"] = source, ["region"] = "eu-west-1", ["userPoolId"] = pool, ["userName"] = userName,
            ["callerContext"] = new JsonObject { ["clientId"] = "5example" }, ["request"] = request,
            ["response"] = IsToken(source) ? new JsonObject { ["claimsOverrideDetails"] = null } : new JsonObject(),
        };
    }

    private static string Valid(string name = "alice", string pool = Pool, MarkerPayload? payload = null) =>
        GroupsMarker.Encode(MarkerKey, pool, name, payload ?? MarkerPayload.Of(["admins", "employees"]), name)!;

    private TriggerDispatch Dispatch(IKeySource? keys = null, string map = Maps.WithGroups, bool noKey = false)
    {
        var options = new FunctionOptions { OldUserPoolId = "eu-west-1_OldPool01", OldClientId = "c", MapParameterName = "/m", NewUserPoolId = Pool };
        var reader = new MarkerReader(options, noKey ? null : keys ?? FakeKeySource.Holding(), FakeMapSource.Of(map), new PoolSignInKinds(newPool));
        var tokens = new PreTokenGenerationHandler(reader, clock);
        var settle = new SettleHandler(reader, new MarkerSettlement(newPool, oldPool), clock);
        return new TriggerDispatch(
            [new TriggerRoute(PreTokenGenerationHandler.Family, tokens), new TriggerRoute(SettleHandler.PostAuthentication, settle), new TriggerRoute(SettleHandler.PostConfirmation, settle)],
            options.MigrationDeadline, clock);
    }

    private async Task<(JsonObject Answer, InvocationRecord Record)> Handle(JsonObject sent, TriggerDispatch? dispatch = null)
    {
        var handled = await (dispatch ?? Dispatch()).HandleAsync(new TriggerInvocation("r", Events.Bytes(sent), clock.GetUtcNow(), null), CancellationToken.None);
        handled.Response.ShouldNotBeNull("a group trigger never fails a sign-in");
        return (JsonNode.Parse(handled.Response)!.AsObject(), handled.Record);
    }

    private static JsonNode Unchanged(JsonObject sent)
    {
        var copy = sent.DeepClone().AsObject();
        copy["response"] = new JsonObject();
        return copy;
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task WithoutMarker_EventUnchanged_NoCall(string source)
    {
        var sent = Event(source, marker: null);

        var (answer, record) = await Handle(sent);

        JsonNode.DeepEquals(answer, Unchanged(sent)).ShouldBeTrue();
        record.Reason.ShouldBe(GroupReasons.NoMarker);
        record.UpstreamCalls.ShouldBe(0);
        newPool.Calls.ShouldBeEmpty();
        oldPool.Calls.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task WithVerifiedMarker_DoesWhatTheTableSays(string source)
    {
        var sent = Event(source, Valid());

        var (answer, record) = await Handle(sent);

        if (IsToken(source))
        {
            var details = answer["response"]!["claimsOverrideDetails"]!["groupOverrideDetails"]!;
            details["groupsToOverride"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["readers", "admins", "employees"]);
            details["iamRolesToOverride"]!.AsArray().Single()!.GetValue<string>().ShouldBe("arn:aws:iam::1:role/r");
            details["preferredRole"]!.GetValue<string>().ShouldBe("arn:aws:iam::1:role/r");
            newPool.Calls.Where(c => !c.StartsWith("DescribeUserPool", StringComparison.Ordinal)).ShouldBeEmpty();
            record.Reason.ShouldBe(GroupReasons.GroupsOverridden);
        }
        else
        {
            JsonNode.DeepEquals(answer, Unchanged(sent)).ShouldBeTrue();
            newPool.Memberships.ShouldBe(["alice:admins", "alice:employees"], ignoreOrder: true);
            newPool.Deleted.ShouldBe([$"alice:{Marker}"]);
            record.Reason.ShouldBe(GroupReasons.GroupsSettled);
            record.Groups!.GroupsSettled.ShouldBe(1);
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task ForgedMarker_IgnoredCountedAndGainsNothing(string source)
    {
        var forgeries = new[]
        {
            "v1.WyJhZG1pbnMiLCJlbXBsb3llZXMiXQ.c2hvd3MgdGhlIHNoYXBlIG9ubHk", // the fixture's shape, garbage tag
            Valid(name: "bob"),                                              // bob's real marker copied
            Valid(pool: "eu-west-1_OtherPool"),                              // another pool's
            "garbage",
        };
        foreach (var forged in forgeries)
        {
            var sent = Event(source, forged);

            var (answer, record) = await Handle(sent);

            JsonNode.DeepEquals(answer, Unchanged(sent)).ShouldBeTrue(forged);
            record.Reason.ShouldBe(GroupReasons.MarkerRejected);
            record.Groups!.MarkersRejected.ShouldBe(1);
        }

        newPool.Memberships.ShouldBeEmpty();
        newPool.Deleted.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task LookupMarker_TokenNoOverride_SettleReadsTheOldPoolsGroupsMapped(string source)
    {
        var sent = Event(source, Valid(payload: MarkerPayload.Lookup("alice-old")));
        oldPool.GroupsPage(null, "staff", "beta");

        var (answer, record) = await Handle(sent);

        JsonNode.DeepEquals(answer, Unchanged(sent)).ShouldBeTrue();
        if (IsToken(source))
        {
            record.Reason.ShouldBe(GroupReasons.LookupPending);
            oldPool.Calls.ShouldBeEmpty();
        }
        else
        {
            oldPool.Calls.ShouldBe(["AdminListGroupsForUser alice-old next="]);
            newPool.Memberships.ShouldBe(["alice:employees", "alice:migrated"], ignoreOrder: true);
            newPool.Deleted.ShouldNotBeEmpty();
        }
    }

    [Theory]
    [InlineData(SettleHandler.PostAuthentication)]
    [InlineData(SettleHandler.PostConfirmation)]
    public async Task GroupTheNewPoolLacks_SkippedForGoodAndCounted(string source)
    {
        newPool.Groups.Remove("employees");

        var (_, record) = await Handle(Event(source, Valid()));

        record.Reason.ShouldBe(GroupReasons.GroupMissing);
        record.Groups!.GroupsMissing.ShouldBe(1);
        newPool.Memberships.ShouldBe(["alice:admins"]);
        newPool.Deleted.ShouldNotBeEmpty();
    }

    public static TheoryData<string, string, string> Faults()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var source in new[] { SettleHandler.PostAuthentication, SettleHandler.PostConfirmation })
        {
            foreach (var operation in new[] { "AdminAddUserToGroup", "AdminDeleteUserAttributes", "DescribeUserPool" })
            {
                foreach (var fault in new[] { "throttle", "500", "hang" })
                {
                    data.Add(source, operation, fault);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task UpstreamFault_SignInSucceedsEventUnchanged_MarkerKept(string source, string operation, string fault)
    {
        newPool.Faults[operation] = fault switch
        {
            "throttle" => new CognitoException(CognitoErrorKind.Throttled, "TooManyRequestsException", 400, true),
            "500" => new CognitoException(CognitoErrorKind.ServerError, "InternalErrorException", 500, false),
            _ => null,
        };
        var sent = Event(source, Valid());

        var task = Handle(sent);
        while (!task.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Yield();
        }

        var (answer, record) = await task;
        JsonNode.DeepEquals(answer, Unchanged(sent)).ShouldBeTrue();
        newPool.Deleted.ShouldBeEmpty();
        if (operation != "DescribeUserPool")
        {
            record.Groups!.MarkersPending.ShouldBe(1);
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task OtherPool_Refused_NoCall(string source)
    {
        var sent = Event(source, Valid(pool: "eu-west-1_Stranger"), pool: "eu-west-1_Stranger");

        var (answer, record) = await Handle(sent);

        JsonNode.DeepEquals(answer, Unchanged(sent)).ShouldBeTrue();
        record.Reason.ShouldBe(GroupReasons.WrongPool);
        newPool.Calls.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task NoKeyOrNoGroupsMap_EventUnchanged(string source)
    {
        foreach (var dispatch in new[] { Dispatch(noKey: true), Dispatch(map: Maps.Behaviour), Dispatch(keys: new FakeKeySource(null)) })
        {
            var sent = Event(source, Valid());

            var (answer, _) = await Handle(sent, dispatch);

            JsonNode.DeepEquals(answer, Unchanged(sent)).ShouldBeTrue();
        }

        newPool.Memberships.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task EmailUsernamePool_VerifiesByEmailWhateverTheCase_AndRejectsAnotherUsersCopy(string source)
    {
        newPool.UsernameAttributes = ["email"];
        var alices = Valid(name: "alice@example.com");

        var dispatch = Dispatch();

        var (_, ok) = await Handle(Event(source, alices, userName: "7d3a-generated", email: "Alice@Example.com"), dispatch);
        var (_, copied) = await Handle(Event(source, alices, userName: "8e4b-generated", email: "mallory@example.com"), dispatch);

        ok.Reason.ShouldNotBe(GroupReasons.MarkerRejected);
        copied.Reason.ShouldBe(GroupReasons.MarkerRejected);
        newPool.Calls.Count(c => c.StartsWith("DescribeUserPool", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Theory]
    [InlineData("pre-token-generation.event.json")]
    [InlineData("post-authentication.event.json")]
    [InlineData("post-confirmation-forgot-password.event.json")]
    public async Task Fixture_ShapeOnlyMarker_RejectedAndEventUnchanged(string file)
    {
        var path = Path.Combine(Fixtures, file);
        if (!File.Exists(path))
        {
            return;
        }

        var sent = JsonNode.Parse(File.ReadAllText(path))!.AsObject();

        var (answer, record) = await Handle(sent);

        record.Reason.ShouldBe(GroupReasons.MarkerRejected);
        JsonNode.DeepEquals(answer, Unchanged(sent)).ShouldBeTrue();
    }
}
