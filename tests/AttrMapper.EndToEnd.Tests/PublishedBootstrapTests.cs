using System.Diagnostics;
using System.Text.Json.Nodes;
using AttrMapper.LocalPeers;
using AttrMapper.Tests.Fakes;

namespace AttrMapper.EndToEnd.Tests;

/// <summary>
/// The exact artifact that is deployed — the published Native AOT bootstrap — driven through a fake Runtime API against
/// a scripted old pool and a local Parameter Store that answer as the real services do.
/// </summary>
public sealed class PublishedBootstrapTests : IAsyncLifetime
{
    private const string MapParameter = "/attrmapper/map";
    private const string Map = Maps.Behaviour;

    /// <summary>Bounds a hang only: every answer comes within the function's own deadline, well under this.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ScriptedOldPool pool = null!;
    private LocalParameterStore store = null!;
    private FakeRuntimeApi api = null!;
    private BootstrapProcess? bootstrap;
    private int requests;

    public async Task InitializeAsync()
    {
        pool = await ScriptedOldPool.StartAsync();
        store = await LocalParameterStore.StartAsync();
        api = new FakeRuntimeApi();
        store.Put(MapParameter, Map);
        pool.AddUser(new FakeUser
        {
            Username = "alice",
            Password = Events.Canary,
            Attributes =
            [
                new("sub", "0f1e2d3c-0000-4000-8000-00000000a11c"),
                new("email", "alice@example.com"),
                new("email_verified", "true"),
                new("custom:tenant", "acme"),
                new("custom:internal_flag", "secret-attribute-value-5b1d"),
            ],
        });
        pool.AddUser(new FakeUser { Username = "bob", Password = Events.Canary, Enabled = false, Attributes = [new("email", "bob@example.com")] });
        pool.AddUser(new FakeUser { Username = "carol", Password = Events.Canary, Status = "UNCONFIRMED", Attributes = [new("email", "carol@example.com")] });
        pool.AddUser(new FakeUser
        {
            Username = "dave",
            Password = Events.Canary,
            ChallengeAfterPassword = "SMS_MFA",
            Attributes = [new("phone_number", "+14155550100"), new("phone_number_verified", "true")],
        });
        pool.AddUser(new FakeUser
        {
            Username = "erin",
            Password = Events.Canary,
            ChallengeAfterPassword = "SOFTWARE_TOKEN_MFA",
            Attributes = [new("email", "erin@example.com"), new("email_verified", "true")],
        });
    }

    public async Task DisposeAsync()
    {
        if (bootstrap is not null)
        {
            await bootstrap.DisposeAsync();
        }

        await api.DisposeAsync();
        await store.DisposeAsync();
        await pool.DisposeAsync();
    }

    private Dictionary<string, string> Environment(int deadlineMs = 4000, int ttlSeconds = 60) => new()
    {
        ["AWS_LAMBDA_RUNTIME_API"] = api.Endpoint,
        ["AWS_REGION"] = "eu-west-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
        ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        ["AWS_SESSION_TOKEN"] = "session-token-canary-77e1",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = pool.Endpoint.ToString(),
        ["AWS_ENDPOINT_URL_SSM"] = store.Endpoint.ToString(),
        ["OLD_USER_POOL_ID"] = pool.UserPoolId,
        ["OLD_CLIENT_ID"] = pool.ClientId,
        ["MAP_PARAMETER_NAME"] = MapParameter,
        ["NEW_USER_POOL_ID"] = Events.NewPool,
        ["MIGRATION_DEADLINE_MS"] = deadlineMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MAP_CACHE_TTL_SECONDS"] = ttlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private void Start(Dictionary<string, string>? environment = null) => bootstrap = BootstrapProcess.Start(environment ?? Environment());

    private async Task<FakeRuntimeApi.Answer> InvokeAsync(byte[] body)
    {
        api.Enqueue($"req-{++requests}", body);
        return await api.NextAnswerAsync(Patience);
    }

    private Task<FakeRuntimeApi.Answer> InvokeAsync(JsonObject sent) => InvokeAsync(Events.Bytes(sent));

    private async Task<JsonObject> LogLineAsync(int request)
    {
        var id = $"req-{request}";
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Patience)
        {
            var line = bootstrap!.Stdout.FirstOrDefault(l => l.Contains($"\"requestId\":\"{id}\"", StringComparison.Ordinal));
            if (line is not null)
            {
                return JsonNode.Parse(line)!.AsObject();
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no log line for {id}; output so far:\n{bootstrap!.AllOutput}");
    }

    private static JsonObject ResponseOf(FakeRuntimeApi.Answer answer)
    {
        answer.IsError.ShouldBeFalse(answer.Text);
        return JsonNode.Parse(answer.Body)!["response"]!.AsObject();
    }

    [Fact]
    public async Task SignIn_ConfirmedUser_MigratesMappedAttributesAndLogsOneLine()
    {
        Start();

        var answer = await InvokeAsync(Events.SignIn("alice"));

        var response = ResponseOf(answer);
        response["finalUserStatus"]!.GetValue<string>().ShouldBe("CONFIRMED");
        response["messageAction"]!.GetValue<string>().ShouldBe("SUPPRESS");
        var attributes = response["userAttributes"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        attributes.ShouldBe(new Dictionary<string, string>
        {
            ["email"] = "alice@example.com",
            ["email_verified"] = "true",
            ["custom:tenant_id"] = "acme",
            ["custom:legacy_sub"] = "0f1e2d3c-0000-4000-8000-00000000a11c",
            ["custom:plan"] = "free",
        }, ignoreOrder: true);
        pool.Calls.Select(c => c.Operation).ShouldBe(["AdminInitiateAuth", "AdminGetUser"]);
        pool.Calls.ShouldAllBe(c => c.HadAuthorization && c.HadSecurityToken);

        var log = await LogLineAsync(1);
        log["outcome"]!.GetValue<string>().ShouldBe("migrated");
        log["upstreamCalls"]!.GetValue<int>().ShouldBe(2);
        log["mapVersion"]!.GetValue<long>().ShouldBe(1);
        log["userHash"]!.GetValue<string>().ShouldNotBe("alice");
        log["_aws"]!["CloudWatchMetrics"]![0]!["Namespace"]!.GetValue<string>().ShouldBe("AttrMapper");
    }

    [Theory]
    [InlineData("alice", "wrong password", "bad_credentials")]
    [InlineData("nobody", Events.Canary, "user_not_found")]
    [InlineData("bob", Events.Canary, "bad_credentials")]
    [InlineData("carol", Events.Canary, "unconfirmed")]
    [InlineData("erin", Events.Canary, "challenge_SOFTWARE_TOKEN_MFA")]
    [InlineData("alice", "", "empty_password")]
    public async Task SignIn_Refused_AnswersTheEventWithAnEmptyResponse(string user, string password, string reason)
    {
        Start();
        var sent = Events.SignIn(user, password);

        var answer = await InvokeAsync(sent);

        answer.IsError.ShouldBeFalse();
        JsonNode.DeepEquals(JsonNode.Parse(answer.Body), Events.ExpectedReject(sent)).ShouldBeTrue(answer.Text);
        (await LogLineAsync(1))["reason"]!.GetValue<string>().ShouldBe(reason);
    }

    [Fact]
    public async Task SignIn_SmsMfaChallengeWithVerifiedPhone_MigratesWithSmsMfaOn()
    {
        Start();

        var response = ResponseOf(await InvokeAsync(Events.SignIn("dave")));

        response["enableSMSMFA"]!.GetValue<bool>().ShouldBeTrue();
        response["finalUserStatus"]!.GetValue<string>().ShouldBe("CONFIRMED");
        response["userAttributes"]!["phone_number_verified"]!.GetValue<string>().ShouldBe("true");
    }

    [Fact]
    public async Task ForgotPassword_EligibleUser_MigratesResetRequiredWithOneCall()
    {
        Start();

        var response = ResponseOf(await InvokeAsync(Events.ForgotPassword("alice")));

        response["finalUserStatus"]!.GetValue<string>().ShouldBe("RESET_REQUIRED");
        response["messageAction"]!.GetValue<string>().ShouldBe("SUPPRESS");
        pool.Calls.Select(c => c.Operation).ShouldBe(["AdminGetUser"]);
    }

    [Fact]
    public async Task MalformedBody_FaultsWithTheConstantBodyThenServesTheNextEvent()
    {
        Start();

        var fault = await InvokeAsync("{\"userName\": \"alice\", \"triggerSource\": "u8.ToArray());
        var next = await InvokeAsync(Events.SignIn("alice"));

        fault.IsError.ShouldBeTrue();
        fault.ErrorType.ShouldBe("MigrationUnavailable");
        fault.Text.ShouldBe("""{"errorType":"MigrationUnavailable","errorMessage":"User migration is temporarily unavailable."}""");
        ResponseOf(next)["finalUserStatus"]!.GetValue<string>().ShouldBe("CONFIRMED");
        bootstrap!.HasExited.ShouldBeFalse();
    }

    [Fact]
    public async Task UpstreamHangs_FaultsWithinTheDeadline()
    {
        pool.Script("AdminInitiateAuth", null, ScriptedAnswer.Hang());
        Start(Environment(deadlineMs: 800));

        var answer = await InvokeAsync(Events.SignIn("alice"));

        // The pool never answers: that an answer came at all, naming the deadline, is the proof. How soon it came is the
        // machine's business (a loaded one is slow), so it is not measured here.
        answer.IsError.ShouldBeTrue();
        (await LogLineAsync(1))["reason"]!.GetValue<string>().ShouldBe("deadline");
    }

    [Fact]
    public async Task ParameterStoreDownAfterAGoodLoad_KeepsMigratingWithTheLastGoodMap()
    {
        Start(Environment(ttlSeconds: 0));
        ResponseOf(await InvokeAsync(Events.SignIn("alice"))).ContainsKey("userAttributes").ShouldBeTrue();

        store.Failure = ParameterStoreFailure.InternalError;
        var second = await InvokeAsync(Events.SignIn("alice"));

        ResponseOf(second)["userAttributes"]!["custom:tenant_id"]!.GetValue<string>().ShouldBe("acme");
        var log = await LogLineAsync(2);
        log["mapVersion"]!.GetValue<long>().ShouldBe(1);
        log["MapRefreshFailures"]!.GetValue<long>().ShouldBe(1);
        store.GetParameterCalls.ShouldBe(2);
    }

    [Fact]
    public async Task ParameterStoreDownFromTheStart_FaultsAfterVerifying()
    {
        store.Failure = ParameterStoreFailure.InternalError;
        Start();

        var answer = await InvokeAsync(Events.SignIn("alice"));

        answer.IsError.ShouldBeTrue();
        (await LogLineAsync(1))["reason"]!.GetValue<string>().ShouldBe("map_unavailable");
    }

    [Fact]
    public async Task MapEditedInParameterStore_IsUsedAfterTheTtlWithoutRestart()
    {
        Start(Environment(ttlSeconds: 0));
        ResponseOf(await InvokeAsync(Events.SignIn("alice")))["userAttributes"]!["custom:tenant_id"].ShouldNotBeNull();

        store.Put(MapParameter, Map.Replace("custom:tenant_id", "custom:org", StringComparison.Ordinal));
        var after = ResponseOf(await InvokeAsync(Events.SignIn("alice")))["userAttributes"]!.AsObject();

        after["custom:org"]!.GetValue<string>().ShouldBe("acme");
        after.ContainsKey("custom:tenant_id").ShouldBeFalse();
        (await LogLineAsync(2))["mapVersion"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task EveryPath_NeverPrintsThePasswordTokensOrAttributeValues()
    {
        pool.Script("AdminGetUser", "erin", ScriptedAnswer.Error("InternalErrorException", $"boom {Events.Canary}", 500));
        Start(Environment(deadlineMs: 800));

        await InvokeAsync(Events.SignIn("alice"));
        await InvokeAsync(Events.SignIn("alice", "wrong password"));
        await InvokeAsync(Events.SignIn("bob"));
        await InvokeAsync(Events.ForgotPassword("erin"));
        await InvokeAsync("{\"userName\":\"x\",\"triggerSource\":\"UserMigration_Authentication\",\"request\":{\"password\":\"Canary-Pa55word-7f3a9c\"},\"x\":[}"u8.ToArray());
        await LogLineAsync(4);

        var everything = bootstrap!.AllOutput + string.Concat(api.Answers.Where(a => a.IsError).Select(a => a.Text));
        everything.ShouldNotContain(Events.Canary);
        everything.ShouldNotContain("secret-attribute-value-5b1d");
        everything.ShouldNotContain("alice@example.com");
        everything.ShouldNotContain("eyJ");
        everything.ShouldNotContain("session-token-canary-77e1");
        everything.ShouldNotContain("wJalrXUtnFEMI");
    }

    [Fact]
    public async Task MissingConfiguration_ReportsAnInitErrorNamingTheVariableAndExits()
    {
        var environment = Environment();
        environment.Remove("MAP_PARAMETER_NAME");
        Start(environment);

        var answer = await api.NextAnswerAsync(Patience);
        var code = await bootstrap!.WaitForExitAsync(Patience);

        answer.Path.ShouldBe("/2018-06-01/runtime/init/error");
        answer.ErrorType.ShouldBe("InvalidConfiguration");
        JsonNode.Parse(answer.Body)!["errorMessage"]!.GetValue<string>().ShouldContain("MAP_PARAMETER_NAME");
        code.ShouldNotBe(0);
        pool.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task ParameterStoreUnreachableAtInit_DoesNotFailInit()
    {
        var environment = Environment();
        environment["AWS_ENDPOINT_URL_SSM"] = "http://127.0.0.1:9/";
        Start(environment);

        var answer = await InvokeAsync(Events.SignIn("alice", "wrong password"));

        answer.IsError.ShouldBeFalse();
        api.Answers.ShouldNotContain(a => a.Path.EndsWith("/init/error", StringComparison.Ordinal));
    }
}
