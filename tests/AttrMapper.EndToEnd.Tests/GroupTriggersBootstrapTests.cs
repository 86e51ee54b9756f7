using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AttrMapper.LocalPeers;
using AttrMapper.Tests.Fakes;

namespace AttrMapper.EndToEnd.Tests;

/// <summary>
/// The new pool's three group triggers (DESIGN.md §5 "Group membership") served by the exact published bootstrap, every row
/// of the table and every upstream fault, against the scripted Cognito endpoint (both pools) and the local Parameter Store.
/// </summary>
/// <remarks>
/// Each marker here is the one the bootstrap itself wrote into a migration answer ("minted" by a first bootstrap process),
/// never one computed by the test: what the triggers accept is exactly what a migration produces. The triggers then run
/// in a second, fresh process, as a new container would (its DescribeUserPool is not yet cached).
/// </remarks>
[Trait("Category", "EndToEnd")]
public sealed class GroupTriggersBootstrapTests : IAsyncLifetime
{
    private const string MapParameter = "/attrmapper/map";
    private const string KeyParameter = "/attrmapper/function-key";
    private const string OtherKeyParameter = "/attrmapper/another-deployments-key";
    private const string Marker = "custom:pending_groups";
    private const string OtherPool = "eu-west-1_OtherPool02";
    private const string TokenSource = "TokenGeneration_Authentication";
    private const string RefreshSource = "TokenGeneration_RefreshTokens";
    private const string PostAuthentication = "PostAuthentication_Authentication";
    private const string PostConfirmation = "PostConfirmation_ConfirmForgotPassword";
    private const string AliceSub = "0f1e2d3c-0000-4000-8000-00000000a11c";
    private const string SecretAttribute = "secret-attribute-value-5b1d";
    private const string ReaderRole = "arn:aws:iam::111122223333:role/readers";

    /// <summary>alice's old groups admins, staff, beta map to these (staff renamed, beta dropped, migrated added).</summary>
    private static readonly string[] AliceNewGroups = ["admins", "employees", "migrated"];

    /// <summary>The calls that change membership or read old groups: a trigger that gains nothing makes none of them.</summary>
    private static readonly string[] Writes = ["AdminAddUserToGroup", "AdminDeleteUserAttributes", "AdminListGroupsForUser"];

    private static readonly byte[] KeyBytes = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
    private static readonly byte[] OtherKeyBytes = [.. Enumerable.Range(32, 32).Select(i => (byte)i)];

    /// <summary>Bounds a hang only: every answer comes within the function's own deadline, well under this.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ScriptedOldPool pool = null!;
    private LocalParameterStore store = null!;
    private FakeRuntimeApi api = null!;
    private BootstrapProcess? bootstrap;
    private int requests;

    public static TheoryData<string> Sources => new() { TokenSource, RefreshSource, PostAuthentication, PostConfirmation };

    public static TheoryData<string> SettleSources => new() { PostAuthentication, PostConfirmation };

    public static TheoryData<string, string> Forgeries()
    {
        var data = new TheoryData<string, string>();
        foreach (var source in new[] { TokenSource, PostAuthentication, PostConfirmation })
        {
            foreach (var kind in new[] { "shape-only", "tampered-payload", "tampered-tag", "another-users", "another-pools", "another-key" })
            {
                data.Add(source, kind);
            }
        }

        return data;
    }

    public static TheoryData<string, string, string> Faults()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var fault in new[] { "throttle", "500", "hang" })
        {
            data.Add(TokenSource, "DescribeUserPool", fault);
            foreach (var source in new[] { PostAuthentication, PostConfirmation })
            {
                foreach (var operation in new[] { "DescribeUserPool", "AdminAddUserToGroup", "AdminDeleteUserAttributes", "AdminListGroupsForUser" })
                {
                    data.Add(source, operation, fault);
                }
            }
        }

        return data;
    }

    public async Task InitializeAsync()
    {
        pool = await ScriptedOldPool.StartAsync();
        store = await LocalParameterStore.StartAsync();
        api = new FakeRuntimeApi();
        store.Put(MapParameter, Maps.WithGroups);
        store.Put(KeyParameter, Convert.ToBase64String(KeyBytes), "SecureString");
        store.Put(OtherKeyParameter, Convert.ToBase64String(OtherKeyBytes), "SecureString");
        pool.AddUser(new FakeUser
        {
            Username = "alice",
            Password = Events.Canary,
            Attributes =
            [
                new("sub", AliceSub),
                new("email", "alice@example.com"),
                new("email_verified", "true"),
                new("custom:internal_flag", SecretAttribute),
            ],
        });
        pool.AddUser(new FakeUser
        {
            Username = "bob",
            Password = Events.Canary,
            Attributes = [new("sub", "0f1e2d3c-0000-4000-8000-000000000b0b"), new("email", "bob@example.com"), new("email_verified", "true")],
        });
        pool.CreateGroups(null, "admins", "staff", "beta");
        pool.AddUserToGroup("alice", "admins");
        pool.AddUserToGroup("alice", "staff");
        pool.AddUserToGroup("alice", "beta");
        pool.AddUserToGroup("bob", "staff");
        pool.AddPool(Events.NewPool);
        pool.AddPool(OtherPool);
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

    private Dictionary<string, string> Environment(string keyParameter = KeyParameter, bool pinNewPool = true, int deadlineMs = 4000, string? aliasLookup = null)
    {
        var environment = BootstrapProcess.TestEnvironment(api, pool, store, MapParameter);
        environment["KEY_PARAMETER"] = keyParameter;
        environment["MIGRATION_DEADLINE_MS"] = deadlineMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (pinNewPool)
        {
            environment["NEW_USER_POOL_ID"] = Events.NewPool;
        }

        if (aliasLookup is not null)
        {
            environment["ALIAS_LOOKUP"] = aliasLookup;
        }

        return environment;
    }

    private async Task StartAsync(Dictionary<string, string>? environment = null)
    {
        if (bootstrap is not null)
        {
            await bootstrap.DisposeAsync();
        }

        bootstrap = BootstrapProcess.Start(environment ?? Environment());
    }

    private async Task<FakeRuntimeApi.Answer> InvokeAsync(JsonObject sent)
    {
        api.Enqueue($"req-{++requests}", Events.Bytes(sent));
        return await api.NextAnswerAsync(Patience);
    }

    private Task<JsonObject> LogLineAsync(int request) => bootstrap!.LogLineAsync($"req-{request}", Patience);

    /// <summary>
    /// Signs each user in through a migration bootstrap (a process of its own, stopped afterwards) and returns the marker
    /// each answer carried. The calls it made are forgotten, so a test counts only the triggers' calls.
    /// </summary>
    private async Task<string[]> MintAsync(string keyParameter, string? aliasLookup, params (string Typed, string Pool)[] signIns)
    {
        // Unpinned, so a marker can be minted for another pool too.
        await StartAsync(Environment(keyParameter, pinNewPool: false, aliasLookup: aliasLookup));
        var markers = new List<string>();
        foreach (var (typed, poolId) in signIns)
        {
            var answer = await InvokeAsync(Events.SignIn(typed, Events.Canary, poolId));
            answer.IsError.ShouldBeFalse(answer.Text);
            var attributes = JsonNode.Parse(answer.Body)!["response"]!["userAttributes"]!.AsObject();
            markers.Add(attributes[Marker]!.GetValue<string>());
        }

        await bootstrap!.DisposeAsync();
        bootstrap = null;
        // A fresh Runtime API for the next process: the killed one's /next may still look open to the old server for a
        // moment, and would take the next event with it.
        await api.DisposeAsync();
        api = new FakeRuntimeApi();
        pool.ClearCalls();
        return [.. markers];
    }

    private async Task<string> MintAliceAsync() => (await MintAsync(KeyParameter, null, ("alice", Events.NewPool)))[0];

    /// <summary>A lookup marker: the migration's group read fails, so the answer says "look them up later".</summary>
    private async Task<string> MintAliceLookupAsync()
    {
        pool.Script("AdminListGroupsForUser", null, ScriptedAnswer.InternalError());
        var marker = await MintAliceAsync();
        pool.Script("AdminListGroupsForUser", null, ScriptedAnswer.FromUsers);
        Payload(marker).ShouldBe("""{"lookup":"alice"}""");
        return marker;
    }

    private static string Payload(string marker) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(marker.Split('.')[1]));

    /// <summary>The new pool as a migration left it: the groups it has, and the user carrying the marker.</summary>
    private void ArrangeNewPool(string? marker, string userName = "alice", string email = "alice@example.com", params string[] groups)
    {
        pool.CreateGroups(Events.NewPool, groups.Length > 0 ? groups : ["admins", "employees", "migrated", "readers"]);
        List<KeyValuePair<string, string>> attributes = [new("sub", "7d3a5e1c-0b6a-4c2e-9f41-2a6a1f0c9b11"), new("email", email), new("email_verified", "true")];
        if (marker is not null)
        {
            attributes.Add(new(Marker, marker));
        }

        pool.AddPoolUser(Events.NewPool, new FakeUser { Username = userName, Password = "Unused-Pa55word!", Attributes = attributes });
    }

    private string? MarkerHeldBy(string userName = "alice") =>
        pool.FindUser(userName, Events.NewPool)!.Attributes.FirstOrDefault(a => a.Key == Marker).Value;

    private static bool IsToken(string source) => source.StartsWith("TokenGeneration_", StringComparison.Ordinal);

    /// <summary>The new pool's trigger event, shaped as the fixtures (and Cognito) send it.</summary>
    private static JsonObject TriggerEvent(string source, string? marker, string userName = "alice", string email = "alice@example.com", string poolId = Events.NewPool)
    {
        var attributes = new JsonObject
        {
            ["sub"] = "7d3a5e1c-0b6a-4c2e-9f41-2a6a1f0c9b11",
            ["cognito:user_status"] = "CONFIRMED",
            ["email"] = email,
            ["email_verified"] = "true",
        };
        if (marker is not null)
        {
            attributes[Marker] = marker;
        }

        var request = new JsonObject { ["userAttributes"] = attributes };
        JsonObject response;
        if (IsToken(source))
        {
            request["groupConfiguration"] = new JsonObject
            {
                ["groupsToOverride"] = new JsonArray("readers"),
                ["iamRolesToOverride"] = new JsonArray(ReaderRole),
                ["preferredRole"] = ReaderRole,
            };
            response = new JsonObject { ["claimsOverrideDetails"] = null };
        }
        else
        {
            if (source == PostAuthentication)
            {
                request["newDeviceUsed"] = false;
            }

            response = new JsonObject();
        }

        request["clientMetadata"] = new JsonObject();
        return new JsonObject
        {
            ["version"] = "1",
            ["triggerSource"] = source,
            ["region"] = "eu-west-1",
            ["userPoolId"] = poolId,
            ["userName"] = userName,
            ["callerContext"] = new JsonObject { ["awsSdkVersion"] = "aws-sdk-unknown-unknown", ["clientId"] = "5example0newpoolclient00" },
            ["request"] = request,
            ["response"] = response,
        };
    }

    /// <summary>Asserts the answer is the event unchanged (<c>response</c> <c>{}</c>): never an error, never a changed token.</summary>
    private static void ShouldBeUnchanged(FakeRuntimeApi.Answer answer, JsonObject sent)
    {
        answer.IsError.ShouldBeFalse("a group trigger never fails a sign-in: " + answer.Text);
        JsonNode.DeepEquals(JsonNode.Parse(answer.Body), Events.ExpectedReject(sent)).ShouldBeTrue(answer.Text);
    }

    private static string Reason(JsonObject log) => log["reason"]!.GetValue<string>();

    private List<string> CallsOf(params string[] operations) =>
        [.. pool.Calls.Where(c => operations.Contains(c.Operation)).Select(c => $"{c.Operation} {c.Username}")];

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task VerifiedMarker_DoesWhatTheTableSays(string source)
    {
        var marker = await MintAliceAsync();
        ArrangeNewPool(marker);
        await StartAsync();
        var sent = TriggerEvent(source, marker);

        var answer = await InvokeAsync(sent);

        answer.IsError.ShouldBeFalse(answer.Text);
        var log = await LogLineAsync(requests);
        if (IsToken(source))
        {
            var details = JsonNode.Parse(answer.Body)!["response"]!["claimsOverrideDetails"]!["groupOverrideDetails"]!;
            details["groupsToOverride"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["readers", .. AliceNewGroups]);
            details["iamRolesToOverride"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe([ReaderRole]);
            details["preferredRole"]!.GetValue<string>().ShouldBe(ReaderRole);
            Reason(log).ShouldBe("groups_overridden");
            CallsOf(Writes).ShouldBeEmpty();
            MarkerHeldBy().ShouldBe(marker);
        }
        else
        {
            ShouldBeUnchanged(answer, sent);
            Reason(log).ShouldBe("groups_settled");
            log["GroupsSettled"]!.GetValue<int>().ShouldBe(1);
            pool.GroupsOf("alice", Events.NewPool).ShouldBe(AliceNewGroups);
            MarkerHeldBy().ShouldBeNull();
            CallsOf(Writes).ShouldBe(["AdminAddUserToGroup alice", "AdminAddUserToGroup alice", "AdminAddUserToGroup alice", "AdminDeleteUserAttributes alice"]);
        }

        // New-pool calls are signed with the function's own credentials.
        pool.Calls.ShouldAllBe(c => c.HadAuthorization && c.HadSecurityToken);
        pool.CallCount("DescribeUserPool").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task LookupMarker_TokenHasNoOverride_SettleReadsTheOldGroupsMapped(string source)
    {
        var marker = await MintAliceLookupAsync();
        ArrangeNewPool(marker);
        await StartAsync();
        var sent = TriggerEvent(source, marker);

        var answer = await InvokeAsync(sent);

        ShouldBeUnchanged(answer, sent);
        var log = await LogLineAsync(requests);
        if (IsToken(source))
        {
            Reason(log).ShouldBe("lookup_pending");
            CallsOf(Writes).ShouldBeEmpty();
            MarkerHeldBy().ShouldBe(marker);
        }
        else
        {
            Reason(log).ShouldBe("groups_settled");
            CallsOf("AdminListGroupsForUser").ShouldBe(["AdminListGroupsForUser alice"]);
            pool.GroupsOf("alice", Events.NewPool).ShouldBe(AliceNewGroups);
            MarkerHeldBy().ShouldBeNull();
        }
    }

    [Theory]
    [MemberData(nameof(SettleSources))]
    public async Task GroupTheNewPoolLacks_IsSkippedForGood_TheRestSettleAndTheMarkerGoes(string source)
    {
        var marker = await MintAliceAsync();
        ArrangeNewPool(marker, groups: ["admins", "migrated"]);
        await StartAsync();
        var sent = TriggerEvent(source, marker);

        var answer = await InvokeAsync(sent);

        ShouldBeUnchanged(answer, sent);
        var log = await LogLineAsync(requests);
        Reason(log).ShouldBe("group_missing");
        log["GroupsMissing"]!.GetValue<int>().ShouldBe(1);
        pool.GroupsOf("alice", Events.NewPool).ShouldBe(["admins", "migrated"]);
        MarkerHeldBy().ShouldBeNull();

        // Skipped for good: with the marker gone, the next sign-in costs nothing and asks for employees no more.
        pool.ClearCalls();
        var next = TriggerEvent(source, MarkerHeldBy());
        ShouldBeUnchanged(await InvokeAsync(next), next);
        Reason(await LogLineAsync(requests)).ShouldBe("no_marker");
        pool.Calls.ShouldBeEmpty();
    }

    private async Task<string> ForgedAsync(string kind)
    {
        switch (kind)
        {
            case "shape-only":
                // The fixtures' value: the right shape and groups, a tag nobody computed.
                return "v1.WyJhZG1pbnMiLCJlbXBsb3llZXMiXQ.c2hvd3MgdGhlIHNoYXBlIG9ubHk";
            case "tampered-payload":
            {
                var parts = (await MintAliceAsync()).Split('.');
                var more = Base64Url.EncodeToString("""["admins","employees","migrated","root"]"""u8);
                return $"{parts[0]}.{more}.{parts[2]}";
            }

            case "tampered-tag":
            {
                var parts = (await MintAliceAsync()).Split('.');
                var tag = (parts[2][0] == 'A' ? 'B' : 'A') + parts[2][1..];
                return $"{parts[0]}.{parts[1]}.{tag}";
            }

            case "another-users":
                // bob's own valid marker (staff -> employees, migrated), written into alice's attribute.
                return (await MintAsync(KeyParameter, null, ("bob", Events.NewPool)))[0];
            case "another-pools":
                return (await MintAsync(KeyParameter, null, ("alice", OtherPool)))[0];
            case "another-key":
                return (await MintAsync(OtherKeyParameter, null, ("alice", Events.NewPool)))[0];
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task ForgedMarker_IsIgnoredLoggedMarkerRejected_AndGainsNothing(string source, string kind)
    {
        var forged = await ForgedAsync(kind);
        ArrangeNewPool(forged);
        await StartAsync();
        var sent = TriggerEvent(source, forged);

        var answer = await InvokeAsync(sent);

        ShouldBeUnchanged(answer, sent);
        var log = await LogLineAsync(requests);
        Reason(log).ShouldBe("marker_rejected");
        log["MarkersRejected"]!.GetValue<int>().ShouldBe(1);
        CallsOf(Writes).ShouldBeEmpty();
        pool.GroupsOf("alice", Events.NewPool).ShouldBeEmpty();
        // Only the pool's sign-in kind was read (once per container: the name the tag binds depends on it).
        pool.Calls.Select(c => c.Operation).ShouldBe(["DescribeUserPool"]);
        bootstrap!.AllOutput.ShouldNotContain(forged);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task NoMarker_EventUnchanged_AndNoUpstreamCallAtAll(string source)
    {
        await StartAsync();
        var sent = TriggerEvent(source, marker: null);

        var answer = await InvokeAsync(sent);
        var again = await InvokeAsync(sent);

        ShouldBeUnchanged(answer, sent);
        ShouldBeUnchanged(again, sent);
        foreach (var request in new[] { requests - 1, requests })
        {
            var log = await LogLineAsync(request);
            Reason(log).ShouldBe("no_marker");
            log["upstreamCalls"]!.GetValue<int>().ShouldBe(0);
        }

        pool.Calls.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task EmailUsernamePool_MarkerVerifiesByEmailWhateverItsCase_AndAnotherUsersCopyIsRejected(string source)
    {
        pool.SetUsernameAttributes(Events.NewPool, "email");
        // The user types their email; the old pool finds alice by it (ALIAS_LOOKUP), and the marker binds the email.
        var marker = (await MintAsync(KeyParameter, "email", ("alice@example.com", Events.NewPool)))[0];
        const string Generated = "7d3a5e1c-0b6a-4c2e-9f41-2a6a1f0c9b11";
        ArrangeNewPool(marker, userName: Generated, email: "Alice@Example.com");
        ArrangeNewPool(marker, userName: "8e4b6f2d-1c7b-4d3f-8a52-3b7b2e1d0c22", email: "mallory@example.com");
        await StartAsync();
        var alices = TriggerEvent(source, marker, userName: Generated, email: "Alice@Example.com");
        var mallorys = TriggerEvent(source, marker, userName: "8e4b6f2d-1c7b-4d3f-8a52-3b7b2e1d0c22", email: "mallory@example.com");

        var accepted = await InvokeAsync(alices);
        var acceptedLog = await LogLineAsync(requests);
        var rejected = await InvokeAsync(mallorys);
        var rejectedLog = await LogLineAsync(requests);

        Reason(acceptedLog).ShouldBe(IsToken(source) ? "groups_overridden" : "groups_settled");
        if (IsToken(source))
        {
            accepted.IsError.ShouldBeFalse(accepted.Text);
            JsonNode.Parse(accepted.Body)!["response"]!["claimsOverrideDetails"]!["groupOverrideDetails"]!["groupsToOverride"]!.AsArray()
                .Select(g => g!.GetValue<string>()).ShouldBe(["readers", .. AliceNewGroups]);
        }
        else
        {
            ShouldBeUnchanged(accepted, alices);
            pool.GroupsOf(Generated, Events.NewPool).ShouldBe(AliceNewGroups);
        }

        ShouldBeUnchanged(rejected, mallorys);
        Reason(rejectedLog).ShouldBe("marker_rejected");
        pool.GroupsOf("8e4b6f2d-1c7b-4d3f-8a52-3b7b2e1d0c22", Events.NewPool).ShouldBeEmpty();
        pool.CallCount("DescribeUserPool").ShouldBe(1);
    }

    private static ScriptedAnswer FaultAnswer(string fault) => fault switch
    {
        "throttle" => ScriptedAnswer.Throttled(),
        "500" => ScriptedAnswer.InternalError(),
        "hang" => ScriptedAnswer.Hang(),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task UpstreamFault_SignInIsNeverFailed_EventUnchanged_MarkerKept(string source, string operation, string fault)
    {
        // The old pool's group read happens only for a lookup marker; every other call for a listed marker.
        var marker = operation == "AdminListGroupsForUser" ? await MintAliceLookupAsync() : await MintAliceAsync();
        ArrangeNewPool(marker);
        await StartAsync(Environment(deadlineMs: 1500));
        // A first event without a marker loads the map and the key, so the deadline below is spent on the fault alone.
        var warm = TriggerEvent(source, marker: null);
        ShouldBeUnchanged(await InvokeAsync(warm), warm);
        pool.Script(operation, null, FaultAnswer(fault));
        var sent = TriggerEvent(source, marker);

        var answer = await InvokeAsync(sent);

        // Unchanged even for pre token generation: without the pool's sign-in kind the marker cannot be verified.
        ShouldBeUnchanged(answer, sent);
        var log = await LogLineAsync(requests);
        Reason(log).ShouldBeOneOf("marker_pending", "groups_unavailable");
        log["outcome"]!.GetValue<string>().ShouldNotBe("fault");
        MarkerHeldBy().ShouldBe(marker);
        pool.CallCount(operation).ShouldBeGreaterThanOrEqualTo(1);
        if (operation is "DescribeUserPool" or "AdminListGroupsForUser")
        {
            pool.GroupsOf("alice", Events.NewPool).ShouldBeEmpty();
        }

        api.Answers.ShouldNotContain(a => a.IsError);
        bootstrap!.HasExited.ShouldBeFalse();
    }

    [Fact]
    public async Task Canary_MigrationWithGroupsFromTheIdTokenThenEveryTrigger_NoSecretInAnyOutputLine()
    {
        store.Put(MapParameter, Maps.WithGroups.Replace("\"version\": 1,", "\"version\": 1,\n  \"attributeSource\": \"IdToken\",", StringComparison.Ordinal));
        await StartAsync();

        var migrated = await InvokeAsync(Events.SignIn("alice"));
        migrated.IsError.ShouldBeFalse(migrated.Text);
        var attributes = JsonNode.Parse(migrated.Body)!["response"]!["userAttributes"]!.AsObject();
        var marker = attributes[Marker]!.GetValue<string>();
        (await LogLineAsync(requests))["GroupsCarried"]!.GetValue<int>().ShouldBe(1);
        pool.CallCount("AdminGetUser").ShouldBe(0); // the token was the source: one old-pool call
        ArrangeNewPool(marker);
        var tampered = $"{marker.Split('.')[0]}.{marker.Split('.')[1]}.{(marker.Split('.')[2][0] == 'A' ? 'B' : 'A')}{marker.Split('.')[2][1..]}";
        foreach (var source in new[] { TokenSource, PostConfirmation })
        {
            (await InvokeAsync(TriggerEvent(source, tampered))).IsError.ShouldBeFalse();
        }

        pool.Script("AdminDeleteUserAttributes", null, ScriptedAnswer.Error("InternalErrorException", $"boom {Events.Canary} {marker}", 500));
        (await InvokeAsync(TriggerEvent(PostAuthentication, marker))).IsError.ShouldBeFalse();
        pool.Script("AdminDeleteUserAttributes", null, ScriptedAnswer.FromUsers);
        (await InvokeAsync(TriggerEvent(TokenSource, marker))).IsError.ShouldBeFalse();
        (await InvokeAsync(TriggerEvent(PostAuthentication, marker))).IsError.ShouldBeFalse();
        Reason(await LogLineAsync(requests)).ShouldBe("groups_settled");

        var idTokens = pool.IssuedIdTokens;
        idTokens.Count.ShouldBe(1);
        var secrets = new List<string>
        {
            Events.Canary, marker, SecretAttribute, "alice@example.com", AliceSub, "session-token-canary-77e1", "wJalrXUtnFEMI",
            Convert.ToBase64String(KeyBytes), Convert.ToHexString(KeyBytes), Convert.ToHexStringLower(KeyBytes),
        };
        secrets.AddRange(marker.Split('.')[1..]);
        secrets.AddRange(tampered.Split('.')[2..]);
        foreach (var token in idTokens)
        {
            secrets.Add(token);
            secrets.AddRange(token.Split('.'));
        }

        // The marker's and the log hash's sub-keys, by the derivation the README documents (HKDF-SHA256, RFC 5869).
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, KeyBytes, "attrmapper/function-key/v1"u8.ToArray());
        foreach (var purpose in new[] { "groups-marker", "log-hash" })
        {
            var subKey = HKDF.Expand(HashAlgorithmName.SHA256, prk, 32, Encoding.UTF8.GetBytes(purpose));
            secrets.AddRange([Convert.ToBase64String(subKey), Convert.ToHexStringLower(subKey), Convert.ToHexString(subKey), Base64Url.EncodeToString(subKey)]);
        }

        var lines = bootstrap!.Stdout.Concat(bootstrap.Stderr).ToList();
        lines.Count.ShouldBeGreaterThanOrEqualTo(6);
        foreach (var line in lines)
        {
            foreach (var secret in secrets)
            {
                line.ShouldNotContain(secret, Case.Sensitive, $"an output line holds a secret ({secret.Length} chars)");
            }

            line.ShouldNotContain("eyJ");
        }
    }
}
