using System.Text;
using AttrMapper.Cli.Maps;

namespace AttrMapper.Cli.Tests.Maps;

public sealed class MapDiffTests
{
    private static List<MapChange> Compare(string stored, string local) =>
        MapDiff.Compare(LoadedDocument.From(Encoding.UTF8.GetBytes(stored)).Draft!, LoadedDocument.From(Encoding.UTF8.GetBytes(local)).Draft!);

    [Fact]
    public void Compare_SameRulesReordered_IsNoChange() =>
        Compare(MapTexts.Tenant, MapTexts.TenantReordered).ShouldBeEmpty();

    [Fact]
    public void Compare_DefaultsFilledIn_ExplicitDefaultIsNoChange()
    {
        const string bare = """{ "version": 1, "rules": [] }""";
        const string explicitDefaults = """
            { "version": 1, "unmapped": "drop", "rules": [],
              "user": { "finalUserStatus": "CONFIRMED", "messageAction": "SUPPRESS", "desiredDeliveryMediums": ["EMAIL"], "forceAliasCreation": false },
              "challenges": { "SMS_MFA": "reject" } }
            """;

        Compare(bare, explicitDefaults).ShouldBeEmpty();
    }

    [Fact]
    public void Compare_RenameTargetChanged_IsOneRemovedAndOneAdded()
    {
        const string before = """{ "version": 1, "rules": [ { "op": "rename", "from": "custom:tenant", "to": "custom:tenant_id" } ] }""";
        const string after = """{ "version": 1, "rules": [ { "op": "rename", "from": "custom:tenant", "to": "custom:org" } ] }""";

        var changes = Compare(before, after);

        changes.ShouldBe([
            new MapChange(ChangeKind.Removed, "rename custom:tenant -> custom:tenant_id", "rename custom:tenant -> custom:tenant_id", null),
            new MapChange(ChangeKind.Added, "rename custom:tenant -> custom:org", null, "rename custom:tenant -> custom:org"),
        ]);
    }

    [Fact]
    public void Compare_ChallengePolicyChanged_IsASettingChange()
    {
        const string before = """{ "version": 1, "rules": [] }""";
        const string after = """{ "version": 1, "rules": [], "challenges": { "SMS_MFA": "sms-mfa" }, "unmapped": "copy" }""";

        var changes = Compare(before, after);

        changes.ShouldContain(new MapChange(ChangeKind.Changed, "$.challenges.SMS_MFA", "reject", "sms-mfa"));
        changes.ShouldContain(new MapChange(ChangeKind.Changed, "$.unmapped", "drop", "copy"));
        changes.Count.ShouldBe(2);
    }
}
