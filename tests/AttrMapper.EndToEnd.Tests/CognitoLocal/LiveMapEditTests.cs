using System.Text.Json.Nodes;

namespace AttrMapper.EndToEnd.Tests.CognitoLocal;

/// <summary>The demo's live edit: a new map pushed to Parameter Store is used by the next migration after the TTL, without a restart.</summary>
public sealed class LiveMapEditTests(ShortTtlStackFixture fixture) : IClassFixture<ShortTtlStackFixture>
{
    [Fact]
    public async Task MapPushedToParameterStore_UsedByTheNextMigrationAfterTheTtl_WithoutRestart()
    {
        var stack = fixture.Stack;
        await stack.AddOldUserAsync("gita", "Gita-Passw0rd-1!", [new("email", "gita@example.com"), new("email_verified", "true"), new("custom:tenant", "acme")]);
        await stack.AddOldUserAsync("hiro", "Hiro-Passw0rd-2!", [new("email", "hiro@example.com"), new("email_verified", "true"), new("custom:tenant", "globex")]);
        (await stack.SignInAsync("gita", "Gita-Passw0rd-1!")).SignedIn.ShouldBeTrue();
        (await stack.GetNewPoolUserAsync("gita")).ShouldNotBeNull().Attributes["custom:tenant_id"].ShouldBe("acme");
        var pid = stack.Function.ChildProcessId;

        var version = await stack.PutMapAsync(StackFixture.EditedDemoMap);
        // Past MAP_CACHE_TTL_SECONDS=1: the wait the demo does too, not a measurement.
        await Task.Delay(TimeSpan.FromSeconds(2));
        // The first invocation past the TTL is answered with the held map and starts the re-read behind it (DESIGN §6):
        // let a sign-in by someone in neither pool be that one, and wait until Parameter Store has been asked.
        var reads = stack.Parameters.GetParameterCalls;
        (await stack.SignInAsync("nobody-in-either-pool", "Nobody-Passw0rd-3!")).SignedIn.ShouldBeFalse();
        await stack.Parameters.WaitForGetParameterCallsAsync(reads + 1, TimeSpan.FromSeconds(20));
        var result = await stack.SignInAsync("hiro", "Hiro-Passw0rd-2!");

        version.ShouldBe(2);
        result.SignedIn.ShouldBeTrue(result.ToString());
        var hiro = (await stack.GetNewPoolUserAsync("hiro")).ShouldNotBeNull();
        hiro.Attributes["custom:org"].ShouldBe("globex");
        hiro.Attributes.ShouldNotContainKey("custom:tenant_id");
        stack.Function.ChildProcessId.ShouldBe(pid);
        stack.Function.ChildStartCount.ShouldBe(1);
        var id = stack.Function.RecentInvocations[^1].RequestId;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var log = await stack.Function.WaitForOutputAsync(l => l.Text.Contains($"\"requestId\":\"{id}\"", StringComparison.Ordinal), patience.Token);
        JsonNode.Parse(log.Text)!["mapVersion"]!.GetValue<long>().ShouldBe(2);

        // Migrated users keep what they were migrated with.
        (await stack.GetNewPoolUserAsync("gita")).ShouldNotBeNull().Attributes["custom:tenant_id"].ShouldBe("acme");
    }
}
