using AttrMapper.Groups;
using CsCheck;

namespace AttrMapper.Tests.Groups;

/// <summary>Any single change to a marker's text, or to what it is bound to, fails verification (CsCheck).</summary>
public sealed class GroupsMarkerPropertyTests
{
    private const string Pool = "eu-west-1_NewPool01";
    private static readonly Gen<string> Group = Gen.String[Gen.Char.AlphaNumeric, 1, 20];
    private static readonly Gen<string[]> Groups = Group.Array[1, 8].Select(g => g.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());

    [Fact]
    public void Verify_AnySingleCharacterChanged_Rejected()
    {
        Gen.Select(Groups, Gen.String[Gen.Char.AlphaNumeric, 1, 30], Gen.Int, Gen.Char['!', '~']).Sample((groups, name, position, replacement) =>
        {
            var marker = GroupsMarker.Encode(GroupsMarkerTests.Key, Pool, name, MarkerPayload.Of(groups), name)!;
            var at = (int)((uint)position % (uint)marker.Length);
            if (marker[at] == replacement)
            {
                return;
            }

            var changed = string.Concat(marker.AsSpan(0, at), replacement.ToString(), marker.AsSpan(at + 1));
            GroupsMarker.Verify(GroupsMarkerTests.Key, Pool, name, changed).ShouldBeNull();
        });
    }

    [Fact]
    public void Verify_AnySingleByteOfTheDecodedTagOrPayloadFlipped_Rejected()
    {
        Gen.Select(Groups, Gen.Int, Gen.Int[1, 255], Gen.Bool).Sample((groups, position, xor, inTag) =>
        {
            var marker = GroupsMarker.Encode(GroupsMarkerTests.Key, Pool, "alice", MarkerPayload.Of(groups), "alice")!;
            var parts = marker.Split('.');
            var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(parts[inTag ? 2 : 1]);
            bytes[(int)((uint)position % (uint)bytes.Length)] ^= (byte)xor;
            parts[inTag ? 2 : 1] = System.Buffers.Text.Base64Url.EncodeToString(bytes);

            GroupsMarker.Verify(GroupsMarkerTests.Key, Pool, "alice", string.Join('.', parts)).ShouldBeNull();
        });
    }

    [Fact]
    public void Verify_RoundTrip_AndNoOtherName()
    {
        Gen.Select(Groups, Gen.String[Gen.Char.AlphaNumeric, 1, 30], Gen.String[Gen.Char.AlphaNumeric, 1, 30]).Sample((groups, name, other) =>
        {
            var marker = GroupsMarker.Encode(GroupsMarkerTests.Key, Pool, name, MarkerPayload.Of(groups), name)!;
            GroupsMarker.Verify(GroupsMarkerTests.Key, Pool, name, marker)!.Groups.ShouldBe(groups);
            if (other != name)
            {
                GroupsMarker.Verify(GroupsMarkerTests.Key, Pool, other, marker).ShouldBeNull();
            }
        });
    }
}
