using System.Buffers.Text;
using System.Text;
using AttrMapper.Groups;
using AttrMapper.Parameters;

namespace AttrMapper.Tests.Groups;

public sealed class GroupsMarkerTests
{
    private const string Pool = "eu-west-1_NewPool01";
    internal static readonly byte[] Key = FunctionKey.TryParse(Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()), 1)!
        .Derive(FunctionKey.GroupsMarkerPurpose);

    private static readonly MarkerPayload AdminsEmployees = MarkerPayload.Of(["admins", "employees"]);

    [Fact]
    public void Encode_ThenVerify_GivesTheGroupsBack()
    {
        var marker = GroupsMarker.Encode(Key, Pool, "alice", AdminsEmployees, "alice").ShouldNotBeNull();

        marker.ShouldStartWith("v1.");
        var payload = GroupsMarker.Verify(Key, Pool, "alice", marker).ShouldNotBeNull();
        payload.IsLookup.ShouldBeFalse();
        payload.Groups.ShouldBe(["admins", "employees"]);
    }

    [Fact]
    public void Encode_PayloadIsTheJsonArray_AsDocumented()
    {
        var marker = GroupsMarker.Encode(Key, Pool, "alice", AdminsEmployees, "alice")!;

        Encoding.UTF8.GetString(Base64Url.DecodeFromChars(marker.Split('.')[1])).ShouldBe("""["admins","employees"]""");
    }

    [Fact]
    public void Encode_Lookup_CarriesTheOldUsernameUnderTheTag()
    {
        var marker = GroupsMarker.Encode(Key, Pool, "alice@example.com", MarkerPayload.Lookup("alice-old"), "alice-old")!;

        Encoding.UTF8.GetString(Base64Url.DecodeFromChars(marker.Split('.')[1])).ShouldBe("""{"lookup":"alice-old"}""");
        var payload = GroupsMarker.Verify(Key, Pool, "alice@example.com", marker).ShouldNotBeNull();
        payload.IsLookup.ShouldBeTrue();
        payload.OldUsername.ShouldBe("alice-old");
    }

    [Fact]
    public void Encode_NoGroups_NoMarker()
    {
        GroupsMarker.Encode(Key, Pool, "alice", MarkerPayload.Of([]), "alice").ShouldBeNull();
    }

    [Fact]
    public void Encode_MoreGroupsThanFit_BecomesLookupWithinTheLimit()
    {
        var many = Enumerable.Range(0, 40).Select(i => $"group-{i:D3}-{new string('x', 40)}").Order(StringComparer.Ordinal).ToArray();

        var marker = GroupsMarker.Encode(Key, Pool, "alice", MarkerPayload.Of(many), "alice-old").ShouldNotBeNull();

        marker.Length.ShouldBeLessThanOrEqualTo(GroupsMarker.MaxLength);
        GroupsMarker.Verify(Key, Pool, "alice", marker)!.OldUsername.ShouldBe("alice-old");
    }

    [Fact]
    public void Encode_GroupsThatJustFit_StayGroups()
    {
        var fits = Enumerable.Range(0, 10).Select(i => $"g{i}-{new string('y', 100)}").ToArray();

        var marker = GroupsMarker.Encode(Key, Pool, "alice", MarkerPayload.Of(fits), "alice")!;

        marker.Length.ShouldBeLessThanOrEqualTo(GroupsMarker.MaxLength);
        GroupsMarker.Verify(Key, Pool, "alice", marker)!.Groups.ShouldBe(fits);
    }

    [Fact]
    public void Verify_AnotherUsersMarker_Rejected()
    {
        var bobs = GroupsMarker.Encode(Key, Pool, "bob", AdminsEmployees, "bob")!;

        GroupsMarker.Verify(Key, Pool, "alice", bobs).ShouldBeNull();
    }

    [Fact]
    public void Verify_AnotherPoolsMarker_Rejected()
    {
        var other = GroupsMarker.Encode(Key, "eu-west-1_OtherPool", "alice", AdminsEmployees, "alice")!;

        GroupsMarker.Verify(Key, Pool, "alice", other).ShouldBeNull();
    }

    [Fact]
    public void Verify_WrongKey_Rejected()
    {
        var marker = GroupsMarker.Encode(Key, Pool, "alice", AdminsEmployees, "alice")!;
        var otherKey = FunctionKey.TryParse(Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()), 1)!
            .Derive(FunctionKey.GroupsMarkerPurpose);

        GroupsMarker.Verify(otherKey, Pool, "alice", marker).ShouldBeNull();
    }

    [Fact]
    public void Verify_NameAndPoolBoundaryShifted_Rejected()
    {
        // Length prefixes: moving a character from one field to the next changes the tagged bytes.
        var marker = GroupsMarker.Encode(Key, "pool", "name", AdminsEmployees, "name")!;

        GroupsMarker.Verify(Key, "poo", "lname", marker).ShouldBeNull();
        GroupsMarker.Verify(Key, "pooln", "ame", marker).ShouldBeNull();
    }

    [Fact]
    public void Verify_TamperedPayload_Rejected()
    {
        var marker = GroupsMarker.Encode(Key, Pool, "alice", MarkerPayload.Of(["employees"]), "alice")!;
        var parts = marker.Split('.');
        var forged = $"v1.{Base64Url.EncodeToString("""["admins","employees"]"""u8)}.{parts[2]}";

        GroupsMarker.Verify(Key, Pool, "alice", forged).ShouldBeNull();
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("V1")]
    [InlineData("")]
    public void Verify_OtherVersion_Rejected(string version)
    {
        var marker = GroupsMarker.Encode(Key, Pool, "alice", AdminsEmployees, "alice")!;

        GroupsMarker.Verify(Key, Pool, "alice", version + marker[2..]).ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("v1.")]
    [InlineData("v1..")]
    [InlineData("v1.WyJhZG1pbnMiLCJlbXBsb3llZXMiXQ.c2hvd3MgdGhlIHNoYXBlIG9ubHk")]
    [InlineData("v1.WyJhZG1pbnMiXQ")]
    [InlineData("v1.WyJhZG1pbnMiXQ.AAAA.AAAA")]
    [InlineData("v1.WyJhZG1pbnMiXQ==.AAAA")]
    [InlineData("lookup")]
    public void Verify_Garbage_Rejected(string? marker)
    {
        GroupsMarker.Verify(Key, Pool, "alice", marker).ShouldBeNull();
    }

    [Fact]
    public void Verify_TaggedButNotAPayload_Rejected()
    {
        // The tag is right (someone with the key made it) but the payload is no list of group names.
        foreach (var json in new[] { "[]", "[1]", "[\"\"]", "{\"lookup\":1}", "{\"lookup\":\"a\",\"x\":1}", "\"lookup\"", "nope" })
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var tag = Tag(Pool, "alice", bytes);
            GroupsMarker.Verify(Key, Pool, "alice", $"v1.{Base64Url.EncodeToString(bytes)}.{Base64Url.EncodeToString(tag)}").ShouldBeNull(json);
        }
    }

    [Fact]
    public void Verify_OverTheLimit_Rejected()
    {
        GroupsMarker.Verify(Key, Pool, "alice", "v1." + new string('A', 2100) + ".AAAA").ShouldBeNull();
    }

    // The documented tag, computed independently of GroupsMarker's own code.
    internal static byte[] Tag(string pool, string name, byte[] payload)
    {
        var bytes = new List<byte>();
        foreach (var field in new[] { "attrmapper/groups-marker/v1"u8.ToArray(), Encoding.UTF8.GetBytes(pool), Encoding.UTF8.GetBytes(name), payload })
        {
            bytes.AddRange(BitConverter.GetBytes(field.Length).Reverse());
            bytes.AddRange(field);
        }

        return System.Security.Cryptography.HMACSHA256.HashData(Key, bytes.ToArray());
    }

    [Fact]
    public void Encode_TagIsTheDocumentedHmac()
    {
        var marker = GroupsMarker.Encode(Key, Pool, "alice", AdminsEmployees, "alice")!;
        var parts = marker.Split('.');

        parts[2].ShouldBe(Base64Url.EncodeToString(Tag(Pool, "alice", Base64Url.DecodeFromChars(parts[1]))));
    }
}
