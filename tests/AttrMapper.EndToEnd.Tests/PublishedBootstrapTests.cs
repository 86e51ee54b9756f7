using System.Diagnostics;
using System.Globalization;
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
    private const string KeyParameter = "/attrmapper/function-key";

    // 32 bytes 00 01 .. 1f; the expected hash of "alice" under its log-hash sub-key was computed outside .NET (FunctionKeyTests).
    private const string Key0To31 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string AliceHashUnderKey0To31 = "2dfa5c9824f0b430";
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

    private Dictionary<string, string> Environment(int deadlineMs = 4000, int ttlSeconds = 60)
    {
        var environment = BootstrapProcess.TestEnvironment(api, pool, store, MapParameter);
        environment["NEW_USER_POOL_ID"] = Events.NewPool;
        environment["MIGRATION_DEADLINE_MS"] = deadlineMs.ToString(CultureInfo.InvariantCulture);
        environment["MAP_CACHE_TTL_SECONDS"] = ttlSeconds.ToString(CultureInfo.InvariantCulture);
        return environment;
    }

    private Dictionary<string, string> EnvironmentWithKey()
    {
        var environment = Environment();
        environment["KEY_PARAMETER"] = KeyParameter;
        return environment;
    }

    private void Start(Dictionary<string, string>? environment = null) => bootstrap = BootstrapProcess.Start(environment ?? Environment());

    private async Task<FakeRuntimeApi.Answer> InvokeAsync(byte[] body)
    {
        api.Enqueue($"req-{++requests}", body);
        return await api.NextAnswerAsync(Patience);
    }

    private Task<FakeRuntimeApi.Answer> InvokeAsync(JsonObject sent) => InvokeAsync(Events.Bytes(sent));

    private Task<JsonObject> LogLineAsync(int request) => bootstrap!.LogLineAsync($"req-{request}", Patience);

    /// <summary>Signs alice in until a log line satisfies <paramref name="condition"/>; every answer on the way must be a migration.</summary>
    private async Task<JsonObject> SignInUntilAsync(Func<JsonObject, bool> condition, string waitingFor)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Patience)
        {
            ResponseOf(await InvokeAsync(Events.SignIn("alice"))).ContainsKey("userAttributes").ShouldBeTrue();
            var log = await LogLineAsync(requests);
            if (condition(log))
            {
                return log;
            }

            await Task.Delay(50); // polling for a condition, not standing in for one
        }

        throw new TimeoutException($"waited {Patience} for {waitingFor}; output so far:\n{bootstrap!.AllOutput}");
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
    public async Task SelectByTenant_OtherTenantsUser_RejectedNotSelectedAfterTheNormalOldPoolCalls()
    {
        store.Put(MapParameter, Maps.SelectAcme);
        pool.AddUser(new FakeUser
        {
            Username = "gina",
            Password = Events.Canary,
            Attributes = [new("email", "gina@example.com"), new("email_verified", "true"), new("custom:tenant", "globex")],
        });
        Start();

        var selected = ResponseOf(await InvokeAsync(Events.SignIn("alice")));
        var selectedCalls = pool.Calls.Select(c => c.Operation).ToList();
        pool.ClearCalls();
        var signIn = Events.SignIn("gina");
        var refused = await InvokeAsync(signIn);
        var refusedCalls = pool.Calls.Select(c => c.Operation).ToList();
        pool.ClearCalls();
        var forgot = Events.ForgotPassword("gina");
        var refusedReset = await InvokeAsync(forgot);

        selected["userAttributes"]!["custom:tenant_id"]!.GetValue<string>().ShouldBe("acme");
        (await LogLineAsync(1))["reason"]!.GetValue<string>().ShouldBe("signed_in");
        JsonNode.DeepEquals(JsonNode.Parse(refused.Body), Events.ExpectedReject(signIn)).ShouldBeTrue(refused.Text);
        (await LogLineAsync(2))["reason"]!.GetValue<string>().ShouldBe("not_selected");
        refusedCalls.ShouldBe(selectedCalls); // AdminInitiateAuth, AdminGetUser: another tenant's user costs what anyone costs
        JsonNode.DeepEquals(JsonNode.Parse(refusedReset.Body), Events.ExpectedReject(forgot)).ShouldBeTrue(refusedReset.Text);
        (await LogLineAsync(3))["reason"]!.GetValue<string>().ShouldBe("not_selected");
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
        // The failed refresh runs behind an answer; a later line reports it.
        var log = await SignInUntilAsync(l => l["MapRefreshFailures"]!.GetValue<long>() >= 1, "the failed refresh to be counted");

        log["mapVersion"]!.GetValue<long>().ShouldBe(1);
        log["outcome"]!.GetValue<string>().ShouldBe("migrated");
        ResponseOf(await InvokeAsync(Events.SignIn("alice")))["userAttributes"]!["custom:tenant_id"]!.GetValue<string>().ShouldBe("acme");
        store.GetParameterCalls.ShouldBeGreaterThanOrEqualTo(2);
        api.Answers.ShouldNotContain(a => a.IsError);
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
        // The first sign-in past the TTL is answered with the map held while the new one loads behind it.
        await SignInUntilAsync(l => l["mapVersion"]!.GetValue<long>() == 2, "the edited map to be used");
        var after = ResponseOf(await InvokeAsync(Events.SignIn("alice")))["userAttributes"]!.AsObject();

        after["custom:org"]!.GetValue<string>().ShouldBe("acme");
        after.ContainsKey("custom:tenant_id").ShouldBeFalse();
        (await LogLineAsync(requests))["mapVersion"]!.GetValue<long>().ShouldBe(2);
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

    [Theory]
    [InlineData(ParameterStoreFailure.Hang, 0)]
    [InlineData(ParameterStoreFailure.InternalError, 0)]
    [InlineData(ParameterStoreFailure.None, 2000)]
    public async Task ParameterStoreHangsSlowOrFailsAfterAGoodLoad_SignInsAfterTheTtlMigrateAtOnceWithTheHeldMap(ParameterStoreFailure failure, int delayMs)
    {
        const int DeadlineMs = 1500;
        Start(Environment(deadlineMs: DeadlineMs, ttlSeconds: 1));
        ResponseOf(await InvokeAsync(Events.SignIn("alice"))).ContainsKey("userAttributes").ShouldBeTrue();
        (await LogLineAsync(1))["mapVersion"]!.GetValue<long>().ShouldBe(1);
        var edited = store.Put(MapParameter, Map);
        store.GetParameterFailure = failure;
        store.GetParameterDelay = TimeSpan.FromMilliseconds(delayMs);

        // Past the TTL the next sign-in starts the refresh behind its answer; the store has then received it.
        var beforeRefresh = await SignInUntilAsync(_ => store.GetParameterCalls >= 2, "the refresh request to reach Parameter Store");
        var whileRefreshing = new List<JsonObject> { beforeRefresh };
        for (var i = 0; i < 3; i++)
        {
            ResponseOf(await InvokeAsync(Events.SignIn("alice")))["userAttributes"]!["custom:tenant_id"]!.GetValue<string>().ShouldBe("acme");
            whileRefreshing.Add(await LogLineAsync(requests));
        }

        whileRefreshing.ShouldAllBe(l => l["outcome"]!.GetValue<string>() == "migrated" && l["mapVersion"]!.GetValue<long>() >= 1);
        // Well within the deadline: the map came from the cache, the only waits were the old pool's two loopback calls.
        whileRefreshing.ShouldAllBe(l => l["durationMs"]!.GetValue<double>() < DeadlineMs / 2.0);
        if (delayMs > 0)
        {
            // The slow read lands behind the answers, and the edit is used from then on.
            (await SignInUntilAsync(l => l["mapVersion"]!.GetValue<long>() == edited, "the slow refresh to land"))["outcome"]!.GetValue<string>().ShouldBe("migrated");
        }
        else
        {
            whileRefreshing.ShouldAllBe(l => l["mapVersion"]!.GetValue<long>() == 1);
        }

        api.Answers.ShouldNotContain(a => a.IsError);
    }

    [Theory]
    [InlineData("OLD_USER_POOL_ID", "not-a-pool")]
    [InlineData("OLD_CLIENT_ID", "has spaces in it")]
    [InlineData("OLD_CLIENT_SECRET_PARAMETER", "bad parameter name!")]
    [InlineData("OLD_POOL_ROLE_ARN", "arn:aws:iam::123:role/short-account")]
    [InlineData("OLD_POOL_EXTERNAL_ID", "bad external id!")]
    [InlineData("MAP_PARAMETER_NAME", "bad parameter name!")]
    [InlineData("MAP_CACHE_TTL_SECONDS", "sixty")]
    [InlineData("NEW_USER_POOL_ID", "NotAPoolId")]
    [InlineData("MIGRATION_DEADLINE_MS", "99999")]
    [InlineData("ALIAS_LOOKUP", "username")]
    [InlineData("LOG_USERNAMES", "perhaps")]
    [InlineData("KEY_PARAMETER", "bad parameter name!")]
    [InlineData("AWS_REGION", "westeurope")]
    [InlineData("AWS_ENDPOINT_URL", "ftp://bad")]
    [InlineData("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "ftp://bad")]
    [InlineData("AWS_ENDPOINT_URL_SSM", "not a url")]
    [InlineData("AWS_ENDPOINT_URL_STS", "ftp://bad")]
    public async Task MalformedSetting_ReportsAnInitErrorNamingTheVariableNotItsValueAndExits(string variable, string value)
    {
        var environment = Environment();
        environment[variable] = value;
        Start(environment);

        var answer = await api.NextAnswerAsync(Patience);
        var code = await bootstrap!.WaitForExitAsync(Patience);

        answer.Path.ShouldBe("/2018-06-01/runtime/init/error");
        answer.ErrorType.ShouldBe("InvalidConfiguration");
        var message = JsonNode.Parse(answer.Body)!["errorMessage"]!.GetValue<string>();
        message.ShouldStartWith(variable + " ");
        message.ShouldNotContain(value);
        bootstrap.AllOutput.ShouldNotContain(value);
        code.ShouldBe(1);
        api.Answers.Count.ShouldBe(1);
        pool.Calls.ShouldBeEmpty();
        store.GetParameterCalls.ShouldBe(0);
    }

    [Fact]
    public async Task NoCredentialsAnywhere_ReportsAConstantInitErrorInsteadOfCrashing()
    {
        var environment = Environment();
        environment.Remove("AWS_ACCESS_KEY_ID");
        environment.Remove("AWS_SECRET_ACCESS_KEY");
        environment.Remove("AWS_SESSION_TOKEN");
        environment["HOME"] = "/nonexistent";
        Start(environment);

        var answer = await api.NextAnswerAsync(Patience);
        var code = await bootstrap!.WaitForExitAsync(Patience);

        answer.Path.ShouldBe("/2018-06-01/runtime/init/error");
        answer.ErrorType.ShouldBe("InitializationFailed");
        JsonNode.Parse(answer.Body)!["errorMessage"]!.GetValue<string>().ShouldBe("The function could not be set up; see its log for the error type.");
        code.ShouldBe(1);
    }

    [Fact]
    public async Task KeyParameter_KeysTheUserHashWithItsLogHashSubKey()
    {
        store.Put(KeyParameter, Key0To31, "SecureString");
        Start(EnvironmentWithKey());

        var log = await SignInUntilAsync(l => l["userHashKey"]?.GetValue<string>() == "key-v1", "the key to load");

        log["userHash"]!.GetValue<string>().ShouldBe(AliceHashUnderKey0To31);
        bootstrap!.AllOutput.ShouldNotContain(Key0To31);
        bootstrap.AllOutput.ShouldNotContain("alice\"");
    }

    [Fact]
    public async Task KeyParameterMissingFromTheStore_MigratesAndLogsNoHashNamingWhy()
    {
        Start(EnvironmentWithKey());

        ResponseOf(await InvokeAsync(Events.SignIn("alice"))).ContainsKey("userAttributes").ShouldBeTrue();

        var log = await LogLineAsync(1);
        log["userHash"].ShouldBeNull();
        log["userHashKey"]!.GetValue<string>().ShouldBe("key_unavailable");
        api.Answers.ShouldNotContain(a => a.Path.EndsWith("/init/error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyParameterNotAKey_LogsNoHashNamedMalformedAndNeverTheValue()
    {
        const string NotAKey = "short-key-canary-3e7d";
        store.Put(KeyParameter, NotAKey, "SecureString");
        Start(EnvironmentWithKey());

        var log = await SignInUntilAsync(l => l["userHashKey"]?.GetValue<string>() == "key_malformed", "the malformed key to be read");

        log["userHash"].ShouldBeNull();
        bootstrap!.AllOutput.ShouldNotContain(NotAKey);
        bootstrap.AllOutput.ShouldNotContain("alice\"");
    }

    [Fact]
    public async Task ParameterStoreUnreachableAtInitWithKeyParameter_DoesNotFailInit()
    {
        var environment = EnvironmentWithKey();
        environment["AWS_ENDPOINT_URL_SSM"] = "http://127.0.0.1:9/";
        Start(environment);

        var answer = await InvokeAsync(Events.SignIn("alice", "wrong password"));

        answer.IsError.ShouldBeFalse();
        api.Answers.ShouldNotContain(a => a.Path.EndsWith("/init/error", StringComparison.Ordinal));
        (await LogLineAsync(1))["userHash"].ShouldBeNull();
    }
}
