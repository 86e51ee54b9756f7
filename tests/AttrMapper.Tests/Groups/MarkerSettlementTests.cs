using AttrMapper.Cognito;
using AttrMapper.Groups;
using AttrMapper.Mapping;
using AttrMapper.Parameters;
using AttrMapper.Tests.Fakes;

namespace AttrMapper.Tests.Groups;

/// <summary>The settle operation the trigger and <c>attrmapper groups settle</c> share: verify, resolve, add, delete.</summary>
public sealed class MarkerSettlementTests
{
    private const string Pool = "eu-west-1_NewPool01";
    private const string Marker = "custom:pending_groups";
    private static readonly FunctionKey Key = FakeKeySource.TestKey;
    private static readonly FunctionKey OtherKey = FunctionKey.TryParse(Convert.ToBase64String([.. Enumerable.Range(50, 32).Select(i => (byte)i)]), 1)!;

    private static readonly GroupMap Map = MapDocument.Parse("""
        { "version": 1, "rules": [], "groups": { "marker": "custom:pending_groups",
          "rules": [ { "op": "rename", "from": "staff", "to": "employees" }, { "op": "add", "to": "migrated" } ] } }
        """u8).Map!.Groups!;

    private readonly FakeNewPool newPool = new();
    private readonly FakeOldPool oldPool = new();

    private static string MarkerFor(string signInName, FunctionKey? key = null, string pool = Pool, params string[] groups) =>
        GroupsMarker.Encode((key ?? Key).Derive(FunctionKey.GroupsMarkerPurpose), pool, signInName, MarkerPayload.Of(groups.Length > 0 ? groups : ["admins"]), signInName)!;

    private static ValueTask NoPacing(CancellationToken ct) => ValueTask.CompletedTask;

    [Theory]
    [InlineData(new string[0], UsernameAttribute.Username)]
    [InlineData(new[] { "email" }, UsernameAttribute.Email)]
    [InlineData(new[] { "phone_number" }, UsernameAttribute.PhoneNumber)]
    [InlineData(new[] { "phone_number", "email" }, UsernameAttribute.EmailOrPhone)]
    public void SignInKindOf_UsernameAttributes(string[] attributes, UsernameAttribute expected) =>
        MarkerSettlement.SignInKindOf(attributes).ShouldBe(expected);

    [Fact]
    public void Verify_TheUsersOwnMarker_GivesItsGroups() =>
        MarkerSettlement.Verify(Key, Pool, "alice", UsernameAttribute.Username, _ => null, MarkerFor("alice"))!.Groups.ShouldBe(["admins"]);

    public static TheoryData<string, string, UsernameAttribute, string?, string> Forgeries() => new()
    {
        { "another user's marker", "mallory", UsernameAttribute.Username, null, MarkerFor("alice") },
        { "another pool's marker", "alice", UsernameAttribute.Username, null, MarkerFor("alice", pool: "eu-west-1_Other01") },
        { "another key's marker", "alice", UsernameAttribute.Username, null, MarkerFor("alice", OtherKey) },
        { "email pool, tag on the username", "7f0c-uuid", UsernameAttribute.Email, "alice@example.com", MarkerFor("7f0c-uuid") },
        { "email pool, another user's email", "9a1d-uuid", UsernameAttribute.Email, "mallory@example.com", MarkerFor("alice@example.com") },
        { "email pool, no email", "9a1d-uuid", UsernameAttribute.Email, null, MarkerFor("9a1d-uuid") },
        { "email pool, tag on an upper-cased email", "9a1d-uuid", UsernameAttribute.Email, "alice@example.com", MarkerFor("ALICE@EXAMPLE.COM") },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public void Verify_Forgery_Null(string why, string userName, UsernameAttribute kind, string? email, string marker) =>
        MarkerSettlement.Verify(Key, Pool, userName, kind, n => n == "email" ? email : null, marker).ShouldBeNull(why);

    [Fact]
    public void Verify_EmailPool_TheEmailWhateverItsCase() =>
        MarkerSettlement.Verify(Key, Pool, "7f0c-uuid", UsernameAttribute.Email, n => n == "email" ? "Alice@Example.COM" : null, MarkerFor("alice@example.com"))
            .ShouldNotBeNull();

    [Fact]
    public async Task Settle_AddsEachGroup_SkipsAMissingOneForGood_ThenDeletesTheMarker()
    {
        var payload = MarkerSettlement.Verify(Key, Pool, "alice", UsernameAttribute.Username, _ => null, MarkerFor("alice", groups: ["admins", "ghosts"]))!;

        var settled = await new MarkerSettlement(newPool, oldPool).SettleAsync(Pool, "alice", payload, Map, NoPacing, CancellationToken.None);

        settled.Added.ShouldBe(["admins"]);
        settled.Missing.ShouldBe(["ghosts"]);
        newPool.Memberships.ShouldBe(["alice:admins"]);
        newPool.Deleted.ShouldBe([$"alice:{Marker}"]);
        newPool.Calls[^1].ShouldStartWith("AdminDeleteUserAttributes");
    }

    [Fact]
    public async Task Settle_AddFails_Throws_MarkerNotDeleted()
    {
        newPool.Faults["AdminAddUserToGroup"] = new CognitoException(CognitoErrorKind.ServerError, "InternalErrorException", 500, surelyUnprocessed: false);
        var payload = MarkerSettlement.Verify(Key, Pool, "alice", UsernameAttribute.Username, _ => null, MarkerFor("alice"))!;

        await Should.ThrowAsync<CognitoException>(() => new MarkerSettlement(newPool, oldPool).SettleAsync(Pool, "alice", payload, Map, NoPacing, CancellationToken.None));

        newPool.Deleted.ShouldBeEmpty();
    }

    [Fact]
    public async Task Groups_Lookup_ReadsEveryOldPageThroughTheMap_PacedBeforeEachCall()
    {
        oldPool.GroupsPage("p2", "staff").GroupsPage(null, "beta");
        var lookup = GroupsMarker.Encode(Key.Derive(FunctionKey.GroupsMarkerPurpose), Pool, "alice", MarkerPayload.Lookup("alice-old"), "alice-old")!;
        var payload = MarkerSettlement.Verify(Key, Pool, "alice", UsernameAttribute.Username, _ => null, lookup)!;
        var paced = 0;

        var groups = await new MarkerSettlement(newPool, oldPool).GroupsAsync(payload, Map, _ => { paced++; return ValueTask.CompletedTask; }, CancellationToken.None);

        groups.ShouldBe(["employees", "migrated"]);
        paced.ShouldBe(2);
        newPool.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Groups_LookupWithMoreThanFivePages_Throws_NothingAdded()
    {
        for (var i = 0; i < OldGroups.MaxPages; i++)
        {
            oldPool.GroupsPage($"p{i}", $"team{i}");
        }

        var lookup = GroupsMarker.Encode(Key.Derive(FunctionKey.GroupsMarkerPurpose), Pool, "alice", MarkerPayload.Lookup("alice-old"), "alice-old")!;
        var payload = MarkerSettlement.Verify(Key, Pool, "alice", UsernameAttribute.Username, _ => null, lookup)!;

        await Should.ThrowAsync<CognitoException>(() => new MarkerSettlement(newPool, oldPool).SettleAsync(Pool, "alice", payload, Map, NoPacing, CancellationToken.None));

        newPool.Calls.ShouldBeEmpty();
    }
}
