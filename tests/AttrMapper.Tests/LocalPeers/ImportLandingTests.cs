using AttrMapper.LocalPeers.CognitoLocal;

namespace AttrMapper.Tests.LocalPeers;

/// <summary>
/// The hand-over of an imported user to cognito-local's UserMigration trigger answers only the import's own sign-in: the right
/// pool, user and one-time password, once. Anyone else's sign-in goes to the function as before.
/// </summary>
public sealed class ImportLandingTests
{
    private const string Pool = "eu-west-1_NewPool17";
    private static readonly KeyValuePair<string, string>[] Attributes = [new("email", "uma@example.com"), new("email_verified", "true")];

    [Fact]
    public void TryTake_TheImportsOwnSignIn_AnswersWithTheRowsAttributesOnce()
    {
        var landing = new ImportLanding();
        var secret = landing.Expect(Pool, "uma", Attributes);

        landing.TryTake(Pool, "uma", secret, out var attributes).ShouldBeTrue();
        attributes.ShouldBe(Attributes);
        landing.Landed.ShouldBe(1);
        landing.TryTake(Pool, "uma", secret, out _).ShouldBeFalse();
        landing.Withdraw(Pool, "uma").ShouldBeFalse();
    }

    [Theory]
    [InlineData(Pool, "uma", "Passw0rd!")]
    [InlineData(Pool, "uma", null)]
    [InlineData(Pool, "other", "SECRET")]
    [InlineData("eu-west-1_OtherPool", "uma", "SECRET")]
    public void TryTake_AnyOtherSignIn_NotAnsweredAndTheExpectationStays(string pool, string username, string? password)
    {
        var landing = new ImportLanding();
        var secret = landing.Expect(Pool, "uma", Attributes);

        landing.TryTake(pool, username, password == "SECRET" ? secret : password, out var attributes).ShouldBeFalse();
        attributes.ShouldBeEmpty();
        landing.Landed.ShouldBe(0);
        landing.Withdraw(Pool, "uma").ShouldBeTrue();
    }

    [Fact]
    public void Expect_EachImportGetsItsOwnSecret()
    {
        var landing = new ImportLanding();

        var first = landing.Expect(Pool, "uma", Attributes);
        var second = landing.Expect(Pool, "vic", Attributes);

        first.ShouldNotBe(second);
        first.Length.ShouldBeGreaterThan(40);
        landing.TryTake(Pool, "vic", first, out _).ShouldBeFalse();
    }
}
