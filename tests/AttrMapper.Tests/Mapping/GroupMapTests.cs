using AttrMapper.Mapping;

namespace AttrMapper.Tests.Mapping;

public sealed class GroupMapTests
{
    private static GroupMap Groups(string rules, string unmapped = "drop") =>
        MapText.Valid("", "drop", MapText.Groups(rules, unmapped)).Groups.ShouldNotBeNull();

    [Theory]
    // copy, rename, drop, add
    [InlineData("copy admins", "drop", "admins; staff", "admins")]
    [InlineData("copy admins", "drop", "staff", "")]
    [InlineData("rename staff employees", "drop", "admins; staff", "employees")]
    [InlineData("rename staff employees; copy staff", "drop", "staff", "employees; staff")]
    [InlineData("rename staff employees; rename contractors employees", "drop", "staff; contractors", "employees")]
    [InlineData("rename a b; rename b a", "drop", "a", "b")]
    [InlineData("rename a b; rename b a", "drop", "a; b", "a; b")]
    [InlineData("add migrated", "drop", "", "migrated")]
    [InlineData("add migrated", "drop", "admins", "migrated")]
    [InlineData("add migrated; copy migrated", "drop", "migrated", "migrated")]
    [InlineData("drop beta-testers", "drop", "beta-testers; admins", "")]
    // unmapped
    [InlineData("", "drop", "admins; staff", "")]
    [InlineData("", "copy", "staff; admins", "admins; staff")]
    [InlineData("drop beta-testers", "copy", "beta-testers; admins", "admins")]
    [InlineData("rename staff employees", "copy", "staff; admins", "admins; employees")]
    [InlineData("rename staff employees", "copy", "staff; employees", "employees")]
    [InlineData("rename staff employees", "copy", "employees", "employees")]
    [InlineData("copy admins; add migrated", "copy", "admins; x", "admins; migrated; x")]
    // a set in ordinal order: duplicates once, upper case before lower case
    [InlineData("", "copy", "b; a; b; a", "a; b")]
    [InlineData("", "copy", "b; B; a", "B; a; b")]
    [InlineData("copy admins", "drop", "admins; admins", "admins")]
    // case-sensitive, as Cognito
    [InlineData("copy admins", "drop", "Admins", "")]
    public void Apply_Rules_GivesExpectedGroups(string rules, string unmapped, string oldGroups, string expected)
    {
        var groups = Groups(rules, unmapped);

        string.Join("; ", groups.Apply(MapText.GroupList(oldGroups))).ShouldBe(expected);
    }

    [Fact]
    public void Apply_DesignExample_MapsAsDocumented()
    {
        var groups = Groups("copy admins; rename staff employees; drop beta-testers; add migrated");

        groups.Apply(["staff", "beta-testers", "admins", "readers"]).ShouldBe(["admins", "employees", "migrated"]);
    }

    [Fact]
    public void Apply_InvalidOrNullOldNames_AreIgnored()
    {
        var groups = Groups("", "copy");

        groups.Apply(["ok", "", null!, new string('g', 129), "bad\u0007", new string('g', 128)])
            .ShouldBe([new string('g', 128), "ok"]);
    }

    [Fact]
    public void Apply_OrderOfOldGroups_DoesNotChangeTheResult()
    {
        var groups = Groups("copy a; rename b c; add d", "copy");

        groups.Apply(["e", "b", "a"]).ShouldBe(groups.Apply(["a", "e", "b"]));
    }

    [Fact]
    public void Apply_NoGroupsResult_IsEmpty() => Groups("copy admins").Apply(["staff"]).ShouldBeEmpty();

    [Fact]
    public void Apply_Null_Throws() => Should.Throw<ArgumentNullException>(() => Groups("copy a").Apply(null!));

    [Fact]
    public void Targets_Rules_ListsEveryProducedGroupOnceInOrdinalOrder()
    {
        var groups = Groups("rename staff employees; copy admins; drop old; add migrated; add Zeta; copy employees");

        groups.Targets.ShouldBe(["Zeta", "admins", "employees", "migrated"]);
    }

    [Fact]
    public void Properties_AreRead()
    {
        var groups = MapText.Valid("", "drop", MapText.Groups("copy a", "copy", "custom:grp")).Groups.ShouldNotBeNull();

        groups.Marker.ShouldBe("custom:grp");
        groups.Unmapped.ShouldBe(UnmappedPolicy.Copy);
    }

    [Fact]
    public void Groups_NoGroupsSection_IsNull() => MapText.Valid("", "drop").Groups.ShouldBeNull();

    [Fact]
    public void Groups_OnlyMarker_UnmappedDefaultsToDropAndRulesToNone()
    {
        var groups = MapText.Valid("", "drop", "\"groups\": { \"marker\": \"custom:pending_groups\" }").Groups.ShouldNotBeNull();

        groups.Unmapped.ShouldBe(UnmappedPolicy.Drop);
        groups.Targets.ShouldBeEmpty();
        groups.Apply(["admins"]).ShouldBeEmpty();
    }

    [Fact]
    public void AttributeApply_UnmappedCopyOfAnOldMarkerAttribute_NeverEmitsIt()
    {
        var map = MapText.Valid("", "copy", MapText.Groups("copy a"));

        MapText.Render(map.Apply(MapText.Attributes("custom:pending_groups=v1.forged.tag; name=N")).Attributes).ShouldBe("name=N");
    }

    [Fact]
    public void AttributeApply_RenameOfAnOldMarkerAttribute_IsAllowed()
    {
        var map = MapText.Valid("rename custom:pending_groups custom:old_pending", "copy", MapText.Groups("copy a"));

        MapText.Render(map.Apply(MapText.Attributes("custom:pending_groups=p")).Attributes).ShouldBe("custom:old_pending=p");
    }
}
