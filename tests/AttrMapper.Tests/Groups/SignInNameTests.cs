using AttrMapper.Groups;

namespace AttrMapper.Tests.Groups;

public sealed class SignInNameTests
{
    private static Func<string, string?> Attributes(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData((int)UsernameAttribute.Username, "Alice", "Alice")]
    [InlineData((int)UsernameAttribute.Email, "7d3a5e1c-generated", "alice@example.com")]
    [InlineData((int)UsernameAttribute.PhoneNumber, "7d3a5e1c-generated", "+447700900123")]
    [InlineData((int)UsernameAttribute.EmailOrPhone, "7d3a5e1c-generated", "alice@example.com")]
    public void Of_PoolKind_GivesTheBoundName(int kindValue, string userName, string expected)
    {
        SignInName.Of(userName, (UsernameAttribute)kindValue, Attributes(("email", "Alice@Example.COM"), ("phone_number", "+447700900123"))).ShouldBe(expected);
    }

    [Fact]
    public void Of_EmailPool_MarkerFromMigrationVerifiesLaterWhateverTheCase()
    {
        // At migration the answer emits "Alice@Example.com"; later the trigger carries a generated userName.
        var atMigration = SignInName.Of("alice@example.com", UsernameAttribute.Email, Attributes(("email", "Alice@Example.com")))!;
        var marker = GroupsMarker.Encode(GroupsMarkerTests.Key, "eu-west-1_P", atMigration, MarkerPayload.Of(["admins"]), "alice")!;

        var later = SignInName.Of("0f1e-sub", UsernameAttribute.Email, Attributes(("email", "alice@example.com")))!;
        GroupsMarker.Verify(GroupsMarkerTests.Key, "eu-west-1_P", later, marker).ShouldNotBeNull();

        var someoneElse = SignInName.Of("0f1e-sub", UsernameAttribute.Email, Attributes(("email", "mallory@example.com")))!;
        GroupsMarker.Verify(GroupsMarkerTests.Key, "eu-west-1_P", someoneElse, marker).ShouldBeNull();
    }

    [Fact]
    public void Of_EmailPoolWithoutEmail_Null()
    {
        SignInName.Of("x", UsernameAttribute.Email, Attributes()).ShouldBeNull();
        SignInName.Of("x", UsernameAttribute.EmailOrPhone, Attributes(("phone_number", "+1"))).ShouldBe("+1");
    }
}
