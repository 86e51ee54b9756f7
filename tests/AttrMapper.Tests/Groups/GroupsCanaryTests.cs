using System.Text;
using System.Text.Json.Nodes;
using AttrMapper.Configuration;
using AttrMapper.Groups;
using AttrMapper.Logging;
using AttrMapper.Parameters;
using AttrMapper.Tests.Fakes;
using AttrMapper.Triggers;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Groups;

/// <summary>The key, its sub-keys, the marker and its tag never appear in a log line, whatever the trigger does.</summary>
public sealed class GroupsCanaryTests
{
    [Fact]
    public async Task EveryGroupTrigger_LogLine_HoldsNoKeyMarkerOrTag()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var key = FakeKeySource.TestKey;
        var markerKey = key.Derive(FunctionKey.GroupsMarkerPurpose);
        var marker = GroupsMarker.Encode(markerKey, "eu-west-1_NewPool01", "alice", MarkerPayload.Of(["admins"]), "alice")!;
        var forged = marker[..^4] + "AAAA";
        var options = new FunctionOptions { OldUserPoolId = "eu-west-1_OldPool01", OldClientId = "c", MapParameterName = "/m" };
        var newPool = new FakeNewPool();
        var reader = new MarkerReader(options, FakeKeySource.Holding(), FakeMapSource.Of(Maps.WithGroups), new PoolSignInKinds(newPool));
        var dispatch = new TriggerDispatch(
            [new TriggerRoute(PreTokenGenerationHandler.Family, new PreTokenGenerationHandler(reader, clock)),
             new TriggerRoute(SettleHandler.PostAuthentication, new SettleHandler(reader, new MarkerSettlement(newPool, new FakeOldPool()), clock))],
            options.MigrationDeadline, clock);
        using var output = new MemoryStream();
        var log = new InvocationLog(output, clock, UserHasher.ForKey(key.Derive(FunctionKey.LogHashPurpose), key.Version), logUserNames: false);

        foreach (var source in new[] { "TokenGeneration_Authentication", SettleHandler.PostAuthentication })
        {
            foreach (var value in new[] { marker, forged })
            {
                var sent = new JsonObject
                {
                    ["version"] = "1", ["triggerSource"] = source, ["userPoolId"] = "eu-west-1_NewPool01", ["userName"] = "alice",
                    ["request"] = new JsonObject { ["userAttributes"] = new JsonObject { ["custom:pending_groups"] = value } },
                    ["response"] = new JsonObject(),
                };
                var handled = await dispatch.HandleAsync(new TriggerInvocation("r", Events.Bytes(sent), clock.GetUtcNow(), null), CancellationToken.None);
                log.Write(handled.Record);
            }
        }

        var text = Encoding.UTF8.GetString(output.ToArray());
        text.ShouldNotBeEmpty();
        var secrets = new[]
        {
            marker, forged, marker.Split('.')[1], marker.Split('.')[2],
            Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()),
            Convert.ToHexStringLower(markerKey), Convert.ToBase64String(markerKey),
            Convert.ToHexStringLower(key.Derive(FunctionKey.LogHashPurpose)),
        };
        foreach (var secret in secrets)
        {
            text.ShouldNotContain(secret);
        }

        key.ToString().ShouldNotContain(Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
    }
}
