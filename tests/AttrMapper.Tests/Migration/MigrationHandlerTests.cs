using System.Text.Json.Nodes;
using AttrMapper.Cognito;
using AttrMapper.Configuration;
using AttrMapper.Logging;
using AttrMapper.Migration;
using AttrMapper.Triggers;
using AttrMapper.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Migration;

public sealed class MigrationHandlerTests
{
    private const string Map = Maps.Behaviour;

    private static readonly AuthResult SignedIn = new(true, null);

    private readonly FakeOldPool pool = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private FakeMapSource maps = FakeMapSource.Of(Map);

    private static OldUser Alice(bool enabled = true, string status = "CONFIRMED", string? phoneVerified = null, string? tenant = "acme")
    {
        var attributes = new List<KeyValuePair<string, string>>
        {
            new("sub", "0f1e2d3c-aaaa-bbbb-cccc-000000000001"),
            new("email", "alice@example.com"),
            new("email_verified", "true"),
            new("custom:internal_flag", "x"),
        };
        if (tenant is not null)
        {
            attributes.Add(new("custom:tenant", tenant));
        }

        if (phoneVerified is not null)
        {
            attributes.Add(new("phone_number", "+14155550100"));
            attributes.Add(new("phone_number_verified", phoneVerified));
        }

        return new OldUser("alice", enabled, status, attributes);
    }

    private static FunctionOptions Options(AliasAttributes alias = AliasAttributes.None, string? newPool = Events.NewPool) => new()
    {
        OldUserPoolId = "eu-west-1_OldPool01",
        OldClientId = "oldclient123",
        MapParameterName = "/attrmapper/map",
        NewUserPoolId = newPool,
        AliasLookup = alias,
    };

    // Through the dispatch, routed as the function routes it: the tests see the bytes and log record the function produces.
    private TriggerDispatch Handler(FunctionOptions? options = null, HandlerTuning? tuning = null) =>
        Routed(new MigrationHandler(options ?? Options(), pool, maps, clock, tuning ?? new HandlerTuning { RetryDelay = TimeSpan.Zero }), options);

    private TriggerDispatch Routed(MigrationHandler migration, FunctionOptions? options = null) => new(
        [new TriggerRoute(TriggerEvent.Authentication, migration), new TriggerRoute(TriggerEvent.ForgotPassword, migration)],
        (options ?? Options()).MigrationDeadline,
        clock);

    private Task<HandledInvocation> Handle(JsonObject sent, FunctionOptions? options = null) =>
        Handler(options).HandleAsync(new TriggerInvocation("req-1", Events.Bytes(sent), clock.GetUtcNow(), null), CancellationToken.None);

    private static JsonObject Response(HandledInvocation handled)
    {
        handled.Response.ShouldNotBeNull();
        return JsonNode.Parse(handled.Response)!["response"]!.AsObject();
    }

    [Fact]
    public async Task HandleAsync_SignInConfirmedUser_MigratesMappedAttributesWithTwoCalls()
    {
        pool.Auth(SignedIn).User(Alice());

        var handled = await Handle(Events.SignIn());

        handled.Record.Outcome.ShouldBe(OutcomeKind.Migrated);
        handled.Record.UpstreamCalls.ShouldBe(2);
        handled.Record.MapVersion.ShouldBe(7);
        var response = Response(handled);
        response["finalUserStatus"]!.GetValue<string>().ShouldBe("CONFIRMED");
        response["messageAction"]!.GetValue<string>().ShouldBe("SUPPRESS");
        var attributes = response["userAttributes"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        attributes.ShouldBe(new Dictionary<string, string>
        {
            ["email"] = "alice@example.com",
            ["email_verified"] = "true",
            ["custom:tenant_id"] = "acme",
            ["custom:legacy_sub"] = "0f1e2d3c-aaaa-bbbb-cccc-000000000001",
            ["custom:plan"] = "free",
        }, ignoreOrder: true);
        response.ContainsKey("enableSMSMFA").ShouldBeFalse();
        pool.Calls.ShouldBe(["AdminInitiateAuth alice", "AdminGetUser alice"]);
    }

    private static readonly string IdTokenMap = Map.Replace("\"version\": 1,", "\"version\": 1, \"attributeSource\": \"IdToken\",", StringComparison.Ordinal);

    // Alice's claims as the old pool's ID token carries them (typed as Cognito writes them), plus JWT claims that are never attributes.
    private static AuthResult SignedInWithToken(string payload = """
        {"sub":"0f1e2d3c-aaaa-bbbb-cccc-000000000001","email":"alice@example.com","email_verified":true,"custom:internal_flag":"x",
         "custom:tenant":"acme","cognito:username":"alice","cognito:groups":["staff"],"iss":"https://cognito-idp","aud":"oldclient123",
         "token_use":"id","auth_time":1700000000,"exp":1700003600,"iat":1700000000}
        """) =>
        new(true, null, AttrMapper.Mapping.IdTokenClaims.Read(System.Text.Encoding.UTF8.GetBytes(payload)));

    [Fact]
    public async Task HandleAsync_IdTokenMap_MigratesFromTheTokenWithOneCall()
    {
        maps = FakeMapSource.Of(IdTokenMap);
        pool.Auth(SignedInWithToken());

        var handled = await Handle(Events.SignIn());

        handled.Record.Outcome.ShouldBe(OutcomeKind.Migrated);
        handled.Record.Reason.ShouldBe("signed_in");
        handled.Record.UpstreamCalls.ShouldBe(1);
        pool.Calls.ShouldBe(["AdminInitiateAuth alice"]);
        var attributes = Response(handled)["userAttributes"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        attributes.ShouldBe(new Dictionary<string, string>
        {
            ["email"] = "alice@example.com",
            ["email_verified"] = "true",
            ["custom:tenant_id"] = "acme",
            ["custom:legacy_sub"] = "0f1e2d3c-aaaa-bbbb-cccc-000000000001",
            ["custom:plan"] = "free",
        }, ignoreOrder: true);
    }

    [Fact]
    public async Task HandleAsync_IdTokenAndAdminGetUserMaps_AnswerByteIdentically()
    {
        maps = FakeMapSource.Of(IdTokenMap);
        pool.Auth(SignedInWithToken());
        var fromToken = await Handle(Events.SignIn());
        maps = FakeMapSource.Of(Map);
        pool.Auth(SignedInWithToken()).User(Alice());
        var fromGetUser = await Handle(Events.SignIn());

        fromToken.Response.ShouldBe(fromGetUser.Response);
    }

    [Fact]
    public async Task HandleAsync_IdTokenMapButTokenUnreadable_FallsBackToAdminGetUser()
    {
        maps = FakeMapSource.Of(IdTokenMap);
        pool.Auth(SignedIn).User(Alice());

        var handled = await Handle(Events.SignIn());

        handled.Record.Outcome.ShouldBe(OutcomeKind.Migrated);
        handled.Record.UpstreamCalls.ShouldBe(2);
        pool.Calls.ShouldBe(["AdminInitiateAuth alice", "AdminGetUser alice"]);
    }

    [Fact]
    public async Task HandleAsync_AdminGetUserMapWithToken_StillReadsAdminGetUser()
    {
        pool.Auth(SignedInWithToken()).User(Alice(enabled: false));

        var handled = await Handle(Events.SignIn());

        handled.Record.Reason.ShouldBe("disabled");
        pool.Calls.ShouldBe(["AdminInitiateAuth alice", "AdminGetUser alice"]);
    }

    [Fact]
    public async Task HandleAsync_IdTokenMapChallenge_KeepsAdminGetUser()
    {
        maps = FakeMapSource.Of(IdTokenMap);
        pool.Auth(new AuthResult(false, "SMS_MFA")).User(Alice(phoneVerified: "true"));

        var handled = await Handle(Events.SignIn());

        handled.Record.Outcome.ShouldBe(OutcomeKind.Migrated);
        pool.Calls.ShouldBe(["AdminInitiateAuth alice", "AdminGetUser alice"]);
    }

    [Fact]
    public async Task HandleAsync_Migrate_EchoesEveryOtherMemberOfTheEvent()
    {
        pool.Auth(SignedIn).User(Alice());
        var sent = Events.SignIn();
        sent["somethingCognitoAddsLater"] = new JsonObject { ["x"] = 1 };

        var handled = await Handle(sent);

        var answered = JsonNode.Parse(handled.Response!)!.AsObject();
        answered.Select(p => p.Key).ShouldBe(sent.Select(p => p.Key));
        JsonNode.DeepEquals(answered["request"], sent["request"]).ShouldBeTrue();
        JsonNode.DeepEquals(answered["somethingCognitoAddsLater"], sent["somethingCognitoAddsLater"]).ShouldBeTrue();
    }

    private static readonly Dictionary<string, CognitoException> OldPoolRefusals = new()
    {
        ["bad password or disabled"] = Errors.NotAuthorized,
        ["unconfirmed"] = Errors.UserNotConfirmed,
        ["reset required"] = Errors.PasswordResetRequired,
        ["no such user"] = Errors.UserNotFound,
        ["our bad request"] = Errors.InvalidParameter,
        ["old pool's own trigger refused"] = Errors.LambdaValidation,
    };

    [Theory]
    [InlineData("bad password or disabled", Reasons.BadCredentials)]
    [InlineData("unconfirmed", Reasons.Unconfirmed)]
    [InlineData("reset required", Reasons.ResetRequired)]
    [InlineData("no such user", Reasons.UserNotFound)]
    [InlineData("our bad request", Reasons.InvalidParameter)]
    [InlineData("old pool's own trigger refused", Reasons.LambdaValidation)]
    public async Task HandleAsync_SignInRefusedByOldPool_RejectsAfterOneCallWithoutRetry(string why, string reason)
    {
        pool.AuthFails(OldPoolRefusals[why]);
        var sent = Events.SignIn();

        var handled = await Handle(sent);

        handled.Record.Outcome.ShouldBe(OutcomeKind.Rejected, why);
        handled.Record.Reason.ShouldBe(reason);
        handled.Record.UpstreamCalls.ShouldBe(1);
        JsonNode.DeepEquals(JsonNode.Parse(handled.Response!), Events.ExpectedReject(sent)).ShouldBeTrue();
    }

    private static readonly Dictionary<string, OldUser> IneligibleUsers = new()
    {
        ["disabled"] = Alice(enabled: false),
        ["reset required status"] = Alice(status: "RESET_REQUIRED"),
        ["force change password"] = Alice(status: "FORCE_CHANGE_PASSWORD"),
        ["unconfirmed"] = Alice(status: "UNCONFIRMED"),
        ["oversized attribute"] = Alice(tenant: new string('t', 2049)),
        ["no verified contact"] = new OldUser("alice", true, "CONFIRMED", [new("email", "a@example.com"), new("email_verified", "false")]),
    };

    [Theory]
    [InlineData("disabled", Reasons.Disabled)]
    [InlineData("reset required status", Reasons.NotEligible)]
    [InlineData("force change password", Reasons.NotEligible)]
    [InlineData("oversized attribute", Reasons.OversizedAttribute)]
    public async Task HandleAsync_SignedInButIneligible_Rejects(string why, string reason)
    {
        pool.Auth(SignedIn).User(IneligibleUsers[why]);

        var handled = await Handle(Events.SignIn());

        handled.Record.Outcome.ShouldBe(OutcomeKind.Rejected, why);
        handled.Record.Reason.ShouldBe(reason);
        Response(handled).Count.ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_EveryRejectReason_AnswersTheSameBytes()
    {
        var sent = Events.SignIn();
        var answers = new List<string>();
        foreach (var error in new[] { Errors.NotAuthorized, Errors.UserNotFound, Errors.UserNotConfirmed })
        {
            var fresh = new FakeOldPool().AuthFails(error);
            var handler = Routed(new MigrationHandler(Options(), fresh, maps, clock, new HandlerTuning()));
            var handled = await handler.HandleAsync(new TriggerInvocation("req", Events.Bytes(sent), clock.GetUtcNow(), null), CancellationToken.None);
            answers.Add(Convert.ToBase64String(handled.Response!));
        }

        pool.Auth(SignedIn).User(Alice(enabled: false));
        answers.Add(Convert.ToBase64String((await Handle(sent)).Response!));

        answers.Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_MapRefreshLandsWhileTheOldPoolAnswers_UsesTheRefreshedMap()
    {
        pool.Auth(SignedIn).User(Alice());
        var refreshing = new RefreshedAfterFirstRead(FakeMapSource.Of(Map, version: 1), FakeMapSource.Of(Map, version: 2));
        var handler = Routed(new MigrationHandler(Options(), pool, refreshing, clock, new HandlerTuning { RetryDelay = TimeSpan.Zero }));

        var handled = await handler.HandleAsync(new TriggerInvocation("req-1", Events.Bytes(Events.SignIn()), clock.GetUtcNow(), null), CancellationToken.None);

        handled.Record.Outcome.ShouldBe(OutcomeKind.Migrated);
        handled.Record.MapVersion.ShouldBe(2);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(null, "missing")]
    public async Task HandleAsync_NoPassword_RejectsWithoutUpstreamCall(string? password, string why)
    {
        var handled = await Handle(Events.SignIn(password: password));

        handled.Record.Reason.ShouldBe(Reasons.EmptyPassword, why);
        pool.Calls.ShouldBeEmpty();
        maps.Fetches.ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_UnknownTriggerSource_RejectsWithoutUpstreamCall()
    {
        var sent = Events.SignIn();
        sent["triggerSource"] = "PreSignUp_SignUp";

        var handled = await Handle(sent);

        handled.Record.Reason.ShouldBe(Reasons.UnknownTrigger);
        JsonNode.DeepEquals(JsonNode.Parse(handled.Response!), Events.ExpectedReject(sent)).ShouldBeTrue();
        pool.Calls.ShouldBeEmpty();
        maps.Fetches.ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_EventFromAnotherPool_RejectsWithoutUpstreamCall()
    {
        var handled = await Handle(Events.SignIn(pool: "eu-west-1_Somebody"));

        handled.Record.Reason.ShouldBe(Reasons.WrongPool);
        pool.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_NoNewPoolConfigured_AcceptsAnyPool()
    {
        pool.Auth(SignedIn).User(Alice());

        var handled = await Handle(Events.SignIn(pool: "eu-west-1_Somebody"), Options(newPool: null));

        handled.Record.Outcome.ShouldBe(OutcomeKind.Migrated);
    }

    [Fact]
    public async Task HandleAsync_ThrottledOnce_RetriesOnceAndMigrates()
    {
        pool.AuthFails(Errors.Throttled).Auth(SignedIn).User(Alice());

        var handled = await Handle(Events.SignIn());

        handled.Record.Outcome.ShouldBe(OutcomeKind.Migrated);
        handled.Record.UpstreamCalls.ShouldBe(3);
    }

    [Fact]
    public async Task HandleAsync_ThrottledTwice_FaultsAfterTwoAttempts()
    {
        pool.AuthFails(Errors.Throttled).AuthFails(Errors.Throttled);

        var handled = await Handle(Events.SignIn());

        handled.Response.ShouldBeNull();
        handled.Record.Outcome.ShouldBe(OutcomeKind.Fault);
        handled.Record.Reason.ShouldBe(Reasons.UpstreamThrottled);
        pool.Calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task HandleAsync_ConnectFailedOnce_RetriesBecauseNothingWasSent()
    {
        pool.AuthFails(Errors.ConnectFailed).Auth(SignedIn).User(Alice());

        (await Handle(Events.SignIn())).Record.Outcome.ShouldBe(OutcomeKind.Migrated);
    }

    [Fact]
    public async Task HandleAsync_ServerErrorOnSignIn_FaultsWithoutRetryBecauseTheAttemptMayHaveCounted()
    {
        pool.AuthFails(Errors.Internal);

        var handled = await Handle(Events.SignIn());

        handled.Record.Reason.ShouldBe(Reasons.UpstreamError);
        pool.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_ThrottledWithTooLittleTimeLeft_FaultsWithoutRetry()
    {
        pool.AuthFails(Errors.Throttled);
        var handler = Handler(tuning: new HandlerTuning { RetryDelay = TimeSpan.Zero, MinimumRetryBudget = TimeSpan.FromSeconds(10) });

        var handled = await handler.HandleAsync(new TriggerInvocation("r", Events.Bytes(Events.SignIn()), clock.GetUtcNow(), null), CancellationToken.None);

        handled.Record.Reason.ShouldBe(Reasons.UpstreamThrottled);
        pool.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_ExpiredCredentials_FaultsWithoutRetry()
    {
        pool.AuthFails(Errors.ExpiredToken);

        var handled = await Handle(Events.SignIn());

        handled.Record.Reason.ShouldBe(Reasons.Credentials);
        pool.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_MapUnavailable_FaultsAfterVerifying()
    {
        maps = FakeMapSource.Unavailable();
        pool.Auth(SignedIn);

        var handled = await Handle(Events.SignIn());

        handled.Record.Outcome.ShouldBe(OutcomeKind.Fault);
        handled.Record.Reason.ShouldBe(Reasons.MapUnavailable);
    }

    [Fact]
    public async Task HandleAsync_MapUnavailableButBadPassword_StillRejects()
    {
        maps = FakeMapSource.Unavailable();
        pool.AuthFails(Errors.NotAuthorized);

        (await Handle(Events.SignIn())).Record.Reason.ShouldBe(Reasons.BadCredentials);
    }

    [Fact]
    public async Task HandleAsync_UpstreamHangs_FaultsAtTheDeadline()
    {
        pool.AuthHangs();
        var received = clock.GetUtcNow();
        var task = Handler().HandleAsync(new TriggerInvocation("r", Events.Bytes(Events.SignIn()), received, null), CancellationToken.None);
        task.IsCompleted.ShouldBeFalse();

        clock.Advance(TimeSpan.FromMilliseconds(4000));
        var handled = await task.WaitAsync(TimeSpan.FromSeconds(30));

        handled.Record.Reason.ShouldBe(Reasons.Deadline);
        handled.Response.ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_AttemptTimerFiresBeforeTheDeadlinesTimer_StillReportsTheDeadline()
    {
        // A starved timer thread: the wall clock is past the deadline, the deadline's timer has not run yet, and the
        // attempt's own timeout (which ends no earlier) fired first. Found by `make test` under stress-ng: upstream_timeout.
        var wall = new LaggingTimers(clock);
        pool.AuthFails(new CognitoException(CognitoErrorKind.Timeout, string.Empty, 0, surelyUnprocessed: false), beforeThrow: () => wall.Lag = TimeSpan.FromMilliseconds(4000));
        var dispatch = new TriggerDispatch(
            [new TriggerRoute(TriggerEvent.Authentication, new MigrationHandler(Options(), pool, maps, wall, new HandlerTuning { RetryDelay = TimeSpan.Zero }))],
            Options().MigrationDeadline,
            wall);

        var handled = await dispatch.HandleAsync(new TriggerInvocation("r", Events.Bytes(Events.SignIn()), wall.GetUtcNow(), null), CancellationToken.None);

        handled.Record.Reason.ShouldBe(Reasons.Deadline);
        handled.Response.ShouldBeNull();
    }

    /// <summary>Timers on the fake clock; the time they are read by can run ahead of it, as a wall clock does while timers wait.</summary>
    private sealed class LaggingTimers(FakeTimeProvider timers) : TimeProvider
    {
        public TimeSpan Lag { get; set; }

        public override DateTimeOffset GetUtcNow() => timers.GetUtcNow() + Lag;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            timers.CreateTimer(callback, state, dueTime, period);
    }

    [Fact]
    public async Task HandleAsync_LambdaDeadlineSoonerThanOurs_FaultsBeforeLambdas()
    {
        pool.AuthHangs();
        var received = clock.GetUtcNow();
        var lambdaDeadline = received.AddMilliseconds(1000);
        var task = Handler().HandleAsync(new TriggerInvocation("r", Events.Bytes(Events.SignIn()), received, lambdaDeadline), CancellationToken.None);

        clock.Advance(TimeSpan.FromMilliseconds(850));
        var handled = await task.WaitAsync(TimeSpan.FromSeconds(30));

        handled.Record.Reason.ShouldBe(Reasons.Deadline);
    }

    public static TheoryData<string, string, bool, string?> Challenges => new()
    {
        { "SMS_MFA", "sms-mfa with a verified phone", true, "CONFIRMED" },
        { "SMS_MFA", "sms-mfa without a verified phone", false, null },
        { "NEW_PASSWORD_REQUIRED", "reset", false, "RESET_REQUIRED" },
        { "SOFTWARE_TOKEN_MFA", "reject", false, null },
        { "EMAIL_OTP", "absent from the map: reject", false, null },
        { "CUSTOM_CHALLENGE", "unknown to the map: reject", false, null },
    };

    [Theory]
    [MemberData(nameof(Challenges))]
    public async Task HandleAsync_Challenge_FollowsTheMapsPolicy(string challenge, string why, bool verifiedPhone, string? finalStatus)
    {
        pool.Auth(new AuthResult(false, challenge)).User(Alice(phoneVerified: verifiedPhone ? "true" : "false"));

        var handled = await Handle(Events.SignIn());

        handled.Record.Reason.ShouldBe($"challenge_{challenge}", why);
        if (finalStatus is null)
        {
            handled.Record.Outcome.ShouldBe(OutcomeKind.Rejected, why);
            Response(handled).Count.ShouldBe(0);
            return;
        }

        handled.Record.Outcome.ShouldBe(OutcomeKind.Migrated, why);
        var response = Response(handled);
        response["finalUserStatus"]!.GetValue<string>().ShouldBe(finalStatus);
        (response["enableSMSMFA"]?.GetValue<bool>() ?? false).ShouldBe(challenge == "SMS_MFA");
    }

    [Fact]
    public async Task HandleAsync_ChallengeRejectedByPolicy_CostsOneCall()
    {
        pool.Auth(new AuthResult(false, "SOFTWARE_TOKEN_MFA"));

        var handled = await Handle(Events.SignIn());

        handled.Record.UpstreamCalls.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_AliasLookupFindsOne_SignsInWithItsUsername()
    {
        pool.AuthFails(Errors.UserNotFound).Lookup(Alice()).Auth(SignedIn).User(Alice());

        var handled = await Handle(Events.SignIn(userName: "alice@example.com"), Options(AliasAttributes.Email));

        handled.Record.Outcome.ShouldBe(OutcomeKind.Migrated);
        pool.Calls.ShouldBe([
            "AdminInitiateAuth alice@example.com",
            "ListUsers email=alice@example.com limit=2",
            "AdminInitiateAuth alice",
            "AdminGetUser alice",
        ]);
    }

    [Fact]
    public async Task HandleAsync_AliasLookupAmbiguous_Rejects()
    {
        pool.AuthFails(Errors.UserNotFound).Lookup(Alice(), Alice() with { Username = "alice2" });

        var handled = await Handle(Events.SignIn(userName: "alice@example.com"), Options(AliasAttributes.Email));

        handled.Record.Reason.ShouldBe(Reasons.UserNotFound);
        pool.Calls.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("alice", "email")]
    [InlineData("alice@example.com", "phone_number")]
    [InlineData("+14155550100", "email")]
    [InlineData("alice@example.com", "off")]
    public async Task HandleAsync_NameNotShapedLikeTheAlias_RejectsWithoutLookup(string typed, string aliasLookup)
    {
        pool.AuthFails(Errors.UserNotFound);
        var alias = aliasLookup switch { "email" => AliasAttributes.Email, "phone_number" => AliasAttributes.PhoneNumber, _ => AliasAttributes.None };

        var handled = await Handle(Events.SignIn(userName: typed), Options(alias));

        handled.Record.Reason.ShouldBe(Reasons.UserNotFound);
        pool.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_PhoneAlias_LooksUpByPhoneNumber()
    {
        pool.AuthFails(Errors.UserNotFound).Lookup();

        await Handle(Events.SignIn(userName: "+14155550100"), Options(AliasAttributes.Email | AliasAttributes.PhoneNumber));

        pool.Calls[1].ShouldBe("ListUsers phone_number=+14155550100 limit=2");
    }

    [Theory]
    [InlineData("CONFIRMED")]
    [InlineData("RESET_REQUIRED")]
    public async Task HandleAsync_ForgotPasswordEligible_MigratesResetRequiredSuppressedWithOneCall(string status)
    {
        pool.User(Alice(status: status));

        var handled = await Handle(Events.ForgotPassword(userName: "alice"));

        handled.Record.Outcome.ShouldBe(OutcomeKind.Migrated);
        handled.Record.UpstreamCalls.ShouldBe(1);
        var response = Response(handled);
        response["finalUserStatus"]!.GetValue<string>().ShouldBe("RESET_REQUIRED");
        response["messageAction"]!.GetValue<string>().ShouldBe("SUPPRESS");
        response["userAttributes"]!["email"]!.GetValue<string>().ShouldBe("alice@example.com");
        pool.Calls.ShouldBe(["AdminGetUser alice"]);
    }

    [Theory]
    [InlineData("disabled", Reasons.Disabled)]
    [InlineData("force change password", Reasons.NotEligible)]
    [InlineData("unconfirmed", Reasons.NotEligible)]
    [InlineData("no verified contact", Reasons.NoVerifiedContact)]
    [InlineData("oversized attribute", Reasons.OversizedAttribute)]
    public async Task HandleAsync_ForgotPasswordIneligible_Rejects(string why, string reason)
    {
        pool.User(IneligibleUsers[why]);

        var handled = await Handle(Events.ForgotPassword());

        handled.Record.Reason.ShouldBe(reason, why);
        Response(handled).Count.ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_ForgotPasswordVerifiedPhoneOnly_Migrates()
    {
        pool.User(new OldUser("bob", true, "CONFIRMED", [new("phone_number", "+14155550100"), new("phone_number_verified", "true")]));

        (await Handle(Events.ForgotPassword())).Record.Outcome.ShouldBe(OutcomeKind.Migrated);
    }

    [Fact]
    public async Task HandleAsync_ForgotPasswordUnknownUserWithAlias_UsesTheOneFound()
    {
        pool.UserFails(Errors.UserNotFound).Lookup(Alice());

        var handled = await Handle(Events.ForgotPassword(userName: "alice@example.com"), Options(AliasAttributes.Email));

        handled.Record.Outcome.ShouldBe(OutcomeKind.Migrated);
        pool.Calls.ShouldBe(["AdminGetUser alice@example.com", "ListUsers email=alice@example.com limit=2"]);
    }

    [Fact]
    public async Task HandleAsync_ForgotPasswordUnknownUser_Rejects()
    {
        pool.UserFails(Errors.UserNotFound);

        (await Handle(Events.ForgotPassword())).Record.Reason.ShouldBe(Reasons.UserNotFound);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"a string\"")]
    [InlineData("{\"triggerSource\":\"UserMigration_Authentication\"}")]
    [InlineData("{\"userName\":\"alice\"}")]
    [InlineData("{\"userName\":42,\"triggerSource\":\"UserMigration_Authentication\"}")]
    [InlineData("{\"userName\":\"alice\",\"userName\":\"mallory\",\"triggerSource\":\"UserMigration_Authentication\"}")]
    [InlineData("")]
    public async Task HandleAsync_MalformedBody_FaultsWithoutUpstreamCall(string body)
    {
        var handled = await Handler().HandleAsync(new TriggerInvocation("r", System.Text.Encoding.UTF8.GetBytes(body), clock.GetUtcNow(), null), CancellationToken.None);

        handled.Response.ShouldBeNull();
        handled.Record.Reason.ShouldBe(Reasons.MalformedEvent);
        pool.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_DeeplyNestedBody_FaultsWithoutThrowing()
    {
        var body = "{\"userName\":\"a\",\"triggerSource\":\"x\",\"deep\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        var handled = await Handler().HandleAsync(new TriggerInvocation("r", System.Text.Encoding.UTF8.GetBytes(body), clock.GetUtcNow(), null), CancellationToken.None);

        handled.Record.Reason.ShouldBe(Reasons.MalformedEvent);
    }

    [Fact]
    public async Task HandleAsync_HugeEvent_IsHandledNormally()
    {
        pool.Auth(SignedIn).User(Alice());
        var sent = Events.SignIn();
        sent["padding"] = new string('x', 6 * 1024 * 1024);

        var handled = await Handle(sent);

        handled.Record.Outcome.ShouldBe(OutcomeKind.Migrated);
        JsonNode.Parse(handled.Response!)!["padding"]!.GetValue<string>().Length.ShouldBe(6 * 1024 * 1024);
    }

    /// <summary>Hands out the held (expired) map first, then the one its refresh brought, as RefreshingCache does.</summary>
    private sealed class RefreshedAfterFirstRead(FakeMapSource held, FakeMapSource refreshed) : AttrMapper.Parameters.IMapSource
    {
        private int _reads;

        public ValueTask<AttrMapper.Parameters.LoadedMap?> GetAsync(CancellationToken ct) =>
            Interlocked.Increment(ref _reads) == 1 ? held.GetAsync(ct) : refreshed.GetAsync(ct);
    }

    public static readonly TheoryData<string, string, string?, string, string, int> SelectCases = new()
    {
        // path, old pool says, tenant, outcome, reason, old-pool calls (exactly those of any user: no enumeration)
        { "sign-in", "tokens", "acme", "Migrated", Reasons.SignedIn, 2 },
        { "sign-in", "tokens", "globex", "Rejected", Reasons.NotSelected, 2 },
        { "sign-in", "tokens", null, "Rejected", Reasons.NotSelected, 2 },
        { "sign-in", "SMS_MFA", "acme", "Migrated", "challenge_SMS_MFA", 2 },
        { "sign-in", "SMS_MFA", "globex", "Rejected", Reasons.NotSelected, 2 },
        { "sign-in", "NEW_PASSWORD_REQUIRED", "globex", "Rejected", Reasons.NotSelected, 2 },
        { "forgot-password", "AdminGetUser", "acme", "Migrated", Reasons.ForgotPassword, 1 },
        { "forgot-password", "AdminGetUser", "globex", "Rejected", Reasons.NotSelected, 1 },
        { "forgot-password", "AdminGetUser", null, "Rejected", Reasons.NotSelected, 1 },
    };

    [Theory]
    [MemberData(nameof(SelectCases))]
    public async Task HandleAsync_MapWithSelect_RejectsUnselectedAfterTheOldPoolAnswered(string path, string oldPoolSays, string? tenant, string outcome, string reason, int calls)
    {
        maps = FakeMapSource.Of(Maps.SelectAcme);
        if (path == "sign-in")
        {
            pool.Auth(oldPoolSays == "tokens" ? SignedIn : new AuthResult(false, oldPoolSays));
        }

        pool.User(Alice(phoneVerified: "true", tenant: tenant));
        var sent = path == "sign-in" ? Events.SignIn() : Events.ForgotPassword(userName: "alice");

        var handled = await Handle(sent);

        handled.Record.Outcome.ToString().ShouldBe(outcome);
        handled.Record.Reason.ShouldBe(reason);
        handled.Record.UpstreamCalls.ShouldBe(calls);
        if (outcome == "Rejected")
        {
            JsonNode.DeepEquals(JsonNode.Parse(handled.Response!), Events.ExpectedReject(sent)).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task HandleAsync_NotSelected_AnswersTheSameBytesAsABadPassword()
    {
        var sent = Events.SignIn();
        var wrong = await Routed(new MigrationHandler(Options(), new FakeOldPool().AuthFails(Errors.NotAuthorized), FakeMapSource.Of(Maps.SelectAcme), clock, new HandlerTuning()))
            .HandleAsync(new TriggerInvocation("req", Events.Bytes(sent), clock.GetUtcNow(), null), CancellationToken.None);
        maps = FakeMapSource.Of(Maps.SelectAcme);
        pool.Auth(SignedIn).User(Alice(tenant: "globex"));

        var other = await Handle(sent);

        other.Record.Reason.ShouldBe(Reasons.NotSelected);
        other.Response.ShouldBe(wrong.Response);
    }
}

