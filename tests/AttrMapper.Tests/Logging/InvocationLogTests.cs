using System.Text;
using System.Text.Json.Nodes;
using AttrMapper.Logging;
using AttrMapper.Parameters;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Logging;

public sealed class InvocationLogTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly MemoryStream output = new();
    private readonly UserHasher hasher = UserHasher.ForDeployment("eu-west-1_OldPool01", "oldclient123");

    private static InvocationRecord Record(OutcomeKind outcome = OutcomeKind.Rejected, string reason = "bad_credentials", string? trigger = "UserMigration_Authentication") =>
        new("req-9", trigger, outcome, reason, TimeSpan.FromMilliseconds(12.3456), 1, 42, "alice@example.com");

    private List<JsonObject> Lines() =>
        Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    [Fact]
    public void Write_OneInvocation_WritesOneLineWithEveryDocumentedField()
    {
        new InvocationLog(output, clock, hasher, logUserNames: false).Write(Record());

        var line = Lines().ShouldHaveSingleItem();
        line["timestamp"]!.GetValue<string>().ShouldStartWith("2026-11-28T12:00:00");
        line["level"]!.GetValue<string>().ShouldBe("INFO");
        line["requestId"]!.GetValue<string>().ShouldBe("req-9");
        line["triggerSource"]!.GetValue<string>().ShouldBe("UserMigration_Authentication");
        line["outcome"]!.GetValue<string>().ShouldBe("rejected");
        line["reason"]!.GetValue<string>().ShouldBe("bad_credentials");
        line["durationMs"]!.GetValue<double>().ShouldBe(12.346);
        line["upstreamCalls"]!.GetValue<int>().ShouldBe(1);
        line["mapVersion"]!.GetValue<long>().ShouldBe(42);
        line["userHash"]!.GetValue<string>().ShouldBe(hasher.Hash("alice@example.com"));
        line["userHashKey"]!.GetValue<string>().ShouldBe("deployment");
        line.ContainsKey("userName").ShouldBeFalse();
        line.ToJsonString().ShouldNotContain("alice");
    }

    [Fact]
    public void Write_LogUserNamesOn_AddsTheNameBesideTheHash()
    {
        new InvocationLog(output, clock, hasher, logUserNames: true).Write(Record());

        var line = Lines().Single();
        line["userName"]!.GetValue<string>().ShouldBe("alice@example.com");
        line["userHash"].ShouldNotBeNull();
    }

    [Fact]
    public void Write_Fault_IsAnErrorLineCountedInFaults()
    {
        new InvocationLog(output, clock, hasher, logUserNames: false).Write(Record(OutcomeKind.Fault, "deadline"));

        var line = Lines().Single();
        line["level"]!.GetValue<string>().ShouldBe("ERROR");
        line["Faults"]!.GetValue<int>().ShouldBe(1);
        line["Rejected"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public void Write_Emf_DeclaresTheMetricsTheDashboardAndAlarmsRead()
    {
        new InvocationLog(output, clock, hasher, logUserNames: false) { TakeMapRefreshFailures = () => 3 }.Write(Record());

        var line = Lines().Single();
        var aws = line["_aws"]!.AsObject();
        aws["Timestamp"]!.GetValue<long>().ShouldBe(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var directives = aws["CloudWatchMetrics"]!.AsArray().Select(d => d!.AsObject()).ToList();
        directives.ShouldAllBe(d => d["Namespace"]!.GetValue<string>() == "AttrMapper");
        string Dimensions(JsonObject d) => string.Join(",", d["Dimensions"]![0]!.AsArray().Select(x => x!.GetValue<string>()));
        string[] Metrics(JsonObject d) => [.. d["Metrics"]!.AsArray().Select(m => m!["Name"]!.GetValue<string>())];
        directives.Select(Dimensions).ShouldBe(["TriggerSource,Outcome", "", "Reason"]);
        Metrics(directives[0]).ShouldBe(["Invocations", "DurationMs"]);
        Metrics(directives[1]).ShouldBe(["Invocations", "Faults", "DurationMs", "MapRefreshFailures", "GroupsCarried", "GroupsSettled", "MarkersPending", "MarkersRejected", "GroupsMissing"]);
        Metrics(directives[2]).ShouldBe(["Rejected", "Faults"]);
        line["TriggerSource"]!.GetValue<string>().ShouldBe("UserMigration_Authentication");
        line["Outcome"]!.GetValue<string>().ShouldBe("rejected");
        line["Reason"]!.GetValue<string>().ShouldBe("bad_credentials");
        line["Invocations"]!.GetValue<int>().ShouldBe(1);
        line["Rejected"]!.GetValue<int>().ShouldBe(1);
        line["MapRefreshFailures"]!.GetValue<long>().ShouldBe(3);
    }

    // The dispatch bounds the names (TriggerDispatchTests.HandleAsync_TriggerSource_IsLoggedFromABoundedSet); the log spells "none".
    [Theory]
    [InlineData(null, "none")]
    [InlineData("UserMigration_ForgotPassword", "UserMigration_ForgotPassword")]
    public void Write_TriggerSource_IsTheBoundedNameOrNone(string? sent, string logged)
    {
        new InvocationLog(output, clock, hasher, logUserNames: false).Write(Record(trigger: sent));

        Lines().Single()["triggerSource"]!.GetValue<string>().ShouldBe(logged);
    }

    [Fact]
    public void Hash_SameDeploymentSameName_IsStableAndDiffersAcrossDeployments()
    {
        var again = UserHasher.ForDeployment("eu-west-1_OldPool01", "oldclient123");
        var other = UserHasher.ForDeployment("eu-west-1_OldPool02", "oldclient123");

        again.Hash("alice").ShouldBe(hasher.Hash("alice"));
        other.Hash("alice").ShouldNotBe(hasher.Hash("alice"));
        hasher.Hash("alice").ShouldNotBe(hasher.Hash("bob"));
        hasher.Hash("alice")!.Length.ShouldBe(16);
    }

    [Fact]
    public void Hash_WithTheFunctionKey_DependsOnTheKeyNotOnTheDeployment()
    {
        var key = FunctionKey.TryParse(Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()), 3)!;
        var otherKey = FunctionKey.TryParse(Convert.ToBase64String(new byte[32]), 3)!;
        var keyed = UserHasher.ForKey(key.Derive(FunctionKey.LogHashPurpose), key.Version);

        // HMAC-SHA256 under the log-hash sub-key, first 8 bytes: computed outside .NET (Python's hmac).
        keyed.Hash("alice").ShouldBe("2dfa5c9824f0b430");
        keyed.Label.ShouldBe("key-v3");
        keyed.Hash("alice").ShouldNotBe(UserHasher.ForKey(otherKey.Derive(FunctionKey.LogHashPurpose), 3).Hash("alice"));
        keyed.Hash("alice").ShouldNotBe(hasher.Hash("alice"), "a guess tested with the public pool and client ids must not match");
    }

    [Fact]
    public void Write_KeyNotLoaded_NoHashAtAllAndSaysWhy()
    {
        new InvocationLog(output, clock, UserHasher.Unavailable("key_unavailable"), logUserNames: false).Write(Record());

        var line = Lines().Single();
        line.ContainsKey("userHash").ShouldBeTrue();
        line["userHash"].ShouldBeNull();
        line["userHashKey"]!.GetValue<string>().ShouldBe("key_unavailable");
        line.ToJsonString().ShouldNotContain("alice");
    }

    [Fact]
    public void Write_HasherChangesBetweenLines_EachLineUsesTheCurrentOne()
    {
        var key = FunctionKey.TryParse(Convert.ToBase64String(new byte[32]), 1)!;
        var current = UserHasher.Unavailable("key_unavailable");
        var log = new InvocationLog(output, clock, () => current, logUserNames: false);

        log.Write(Record());
        current = UserHasher.ForKey(key.Derive(FunctionKey.LogHashPurpose), key.Version);
        log.Write(Record());

        Lines().Select(l => l["userHashKey"]!.GetValue<string>()).ShouldBe(["key_unavailable", "key-v1"]);
        Lines()[1]["userHash"]!.GetValue<string>().ShouldBe(current.Hash("alice@example.com"));
    }
}
