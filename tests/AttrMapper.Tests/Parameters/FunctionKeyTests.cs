using AttrMapper.Parameters;

namespace AttrMapper.Tests.Parameters;

public sealed class FunctionKeyTests
{
    // 32 bytes 00 01 .. 1f. The expected sub-keys were computed outside .NET (Python's hmac, HKDF-SHA256 per RFC 5869,
    // salt "attrmapper/function-key/v1", info = the purpose), so these vectors pin the derivation, not our own code.
    private const string Key0To31 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    [Theory]
    [InlineData(FunctionKey.LogHashPurpose, "7c01d22629e55681ade0580ece50cd06923e29e24ea572fdb340ba6878bae9d4")]
    [InlineData(FunctionKey.GroupsMarkerPurpose, "84ab58d1c0ccaff7eca24cd0315b5fed06aa3b57aeba819d793d591c5ab06919")]
    public void Derive_KnownKey_GivesTheKnownVector(string purpose, string expected)
    {
        var key = FunctionKey.TryParse(Key0To31, 1).ShouldNotBeNull();

        Convert.ToHexStringLower(key.Derive(purpose)).ShouldBe(expected);
    }

    [Fact]
    public void Derive_SamePurposeTwice_SameBytesAndEachPurposeItsOwn()
    {
        var key = FunctionKey.TryParse(Key0To31, 1).ShouldNotBeNull();

        key.Derive("log-hash").ShouldBe(key.Derive("log-hash"));
        key.Derive("log-hash").ShouldNotBe(key.Derive("groups-marker"));
        key.Derive("log-hash", 64).Take(32).ShouldBe(key.Derive("log-hash"));
    }

    [Fact]
    public void Derive_OtherKey_OtherBytes()
    {
        var one = FunctionKey.TryParse(Key0To31, 1).ShouldNotBeNull();
        var other = FunctionKey.TryParse(Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()), 1).ShouldNotBeNull();

        one.Derive("log-hash").ShouldNotBe(other.Derive("log-hash"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Derive_NoPurpose_Throws(string purpose)
    {
        var key = FunctionKey.TryParse(Key0To31, 1).ShouldNotBeNull();

        Should.Throw<ArgumentException>(() => key.Derive(purpose));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==")]
    [InlineData("")]
    [InlineData("password123")]
    public void TryParse_NotAKeyOfAtLeast32Bytes_Null(string value)
    {
        FunctionKey.TryParse(value, 3).ShouldBeNull();
    }

    [Fact]
    public void TryParse_SurroundingWhitespace_Ignored()
    {
        var key = FunctionKey.TryParse($"  {Key0To31}\n", 4).ShouldNotBeNull();

        key.Version.ShouldBe(4);
        Convert.ToHexStringLower(key.Derive(FunctionKey.LogHashPurpose)).ShouldStartWith("7c01d226");
    }

    [Fact]
    public void TryParse_OverTheMaximum_Null()
    {
        FunctionKey.TryParse(Convert.ToBase64String(new byte[FunctionKey.MaximumBytes + 1]), 1).ShouldBeNull();
        FunctionKey.TryParse(Convert.ToBase64String(new byte[FunctionKey.MaximumBytes]), 1).ShouldNotBeNull();
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        var key = FunctionKey.TryParse(Key0To31, 7).ShouldNotBeNull();

        key.ToString().ShouldBe("FunctionKey { Version = 7 }");
    }
}
