using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AttrMapper.Demo.Stack;

namespace AttrMapper.EndToEnd.Tests.CognitoLocal;

/// <summary>
/// Sign-ins to the NEW pool (cognito-local, InitiateAuth USER_PASSWORD_AUTH) that reach the real bootstrap through the new pool's
/// UserMigration trigger, against the OLD pool (cognito-local). What is asserted is what Cognito does; where cognito-local differs,
/// the fidelity proxies correct it (docs/demo.md) and nothing here asserts the quirk.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class MigrationThroughCognitoLocalTests(StackFixture fixture)
{
    private LocalMigrationStack Stack => fixture.Stack;

    private static string NewPassword() => "T3st-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + "-pw!";

    private async Task<(string Password, string OldSub)> AddOldUserAsync(string username, bool enabled, params (string Name, string Value)[] attributes)
    {
        var password = NewPassword();
        await Stack.AddOldUserAsync(username, password, attributes.Select(a => new KeyValuePair<string, string>(a.Name, a.Value)), enabled);
        var old = await Stack.OldPool.CallAsync("AdminGetUser", new JsonObject { ["UserPoolId"] = LocalMigrationStack.OldUserPoolId, ["Username"] = username });
        var sub = old.Ok("AdminGetUser")["UserAttributes"]!.AsArray().Single(a => a!["Name"]!.GetValue<string>() == "sub")!["Value"]!.GetValue<string>();
        return (password, sub);
    }

    [Fact]
    public async Task SignIn_OldUser_CreatedConfirmedWithTheMappedAttributes()
    {
        var (password, oldSub) = await AddOldUserAsync("amara", true,
            ("email", "amara@example.com"), ("email_verified", "true"), ("given_name", "Amara"), ("family_name", "Okafor"),
            ("custom:tenant", "acme"), ("custom:internal_flag", "beta-cohort-7"));

        var result = await Stack.SignInAsync("amara", password);

        result.SignedIn.ShouldBeTrue(result.ToString());
        var user = (await Stack.GetNewPoolUserAsync("amara")).ShouldNotBeNull();
        user.Username.ShouldBe("amara");
        user.Status.ShouldBe("CONFIRMED");
        user.Enabled.ShouldBeTrue();
        user.Attributes.Where(a => a.Key != "sub").ShouldBe(new Dictionary<string, string>
        {
            ["email"] = "amara@example.com",
            ["email_verified"] = "true",
            ["given_name"] = "Amara",
            ["family_name"] = "Okafor",
            ["custom:tenant_id"] = "acme",
            ["custom:legacy_sub"] = oldSub,
            ["custom:plan"] = "free",
        }, ignoreOrder: true);
        user.Attributes["sub"].ShouldNotBe(oldSub); // the new pool's own id; the old one is kept as custom:legacy_sub
        Stack.OldPoolApi.Operations.Count(o => o is "AdminInitiateAuth" or "AdminGetUser").ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task SignIn_UnverifiedEmail_StaysUnverifiedInTheNewPool()
    {
        var (password, _) = await AddOldUserAsync("bao", true, ("email", "bao@example.org"), ("email_verified", "false"));

        (await Stack.SignInAsync("bao", password)).SignedIn.ShouldBeTrue();

        var user = (await Stack.GetNewPoolUserAsync("bao")).ShouldNotBeNull();
        user.Attributes["email"].ShouldBe("bao@example.org");
        user.Attributes["email_verified"].ShouldBe("false");
    }

    [Fact]
    public async Task SecondSignIn_ServedByTheNewPool_WithoutInvokingTheTrigger()
    {
        var (password, _) = await AddOldUserAsync("chidi", true, ("email", "chidi@example.com"), ("email_verified", "true"));
        (await Stack.SignInAsync("chidi", password)).SignedIn.ShouldBeTrue();
        var invocations = Stack.Function.InvocationCount;
        var oldPoolCalls = Stack.OldPoolApi.Operations.Count;

        var again = await Stack.SignInAsync("chidi", password);

        again.SignedIn.ShouldBeTrue(again.ToString());
        Stack.Function.InvocationCount.ShouldBe(invocations);
        Stack.OldPoolApi.Operations.Count.ShouldBe(oldPoolCalls);
    }

    [Fact]
    public async Task SignIn_WrongPassword_RefusedAndNoUserCreated_ThenTheRightOneMigrates()
    {
        var (password, _) = await AddOldUserAsync("dana", true, ("email", "dana@example.net"), ("email_verified", "true"));
        var invocations = Stack.Function.InvocationCount;

        var wrong = await Stack.SignInAsync("dana", password + "-typo");

        wrong.SignedIn.ShouldBeFalse();
        // Cognito answers a refused migration with NotAuthorizedException (PreventUserExistenceErrors on) or UserNotFoundException.
        wrong.ErrorType.ShouldBeOneOf("NotAuthorizedException", "UserNotFoundException");
        Stack.Function.InvocationCount.ShouldBe(invocations + 1);
        (await Stack.GetNewPoolUserAsync("dana")).ShouldBeNull();

        // Nothing was left behind holding the wrong password: the right one still migrates.
        (await Stack.SignInAsync("dana", password)).SignedIn.ShouldBeTrue();
        (await Stack.GetNewPoolUserAsync("dana")).ShouldNotBeNull().Status.ShouldBe("CONFIRMED");
    }

    [Fact]
    public async Task SignIn_UserDisabledInTheOldPool_RefusedAndNoUserCreated()
    {
        var (password, _) = await AddOldUserAsync("emeka", false, ("email", "emeka@example.com"), ("email_verified", "true"));

        var result = await Stack.SignInAsync("emeka", password);

        result.SignedIn.ShouldBeFalse();
        result.ErrorType.ShouldBeOneOf("NotAuthorizedException", "UserNotFoundException");
        (await Stack.GetNewPoolUserAsync("emeka")).ShouldBeNull();
    }

    [Fact]
    public async Task SignIn_UnknownEverywhere_RefusedAndNoUserCreated()
    {
        var result = await Stack.SignInAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], NewPassword());

        result.SignedIn.ShouldBeFalse();
        result.ErrorType.ShouldBeOneOf("NotAuthorizedException", "UserNotFoundException");
    }

    [Fact]
    public async Task EverySignIn_FunctionOutputHoldsNoPasswordOrAttributeValue()
    {
        var (password, oldSub) = await AddOldUserAsync("farah", true, ("email", "farah-secret@example.com"), ("email_verified", "true"), ("custom:tenant", "tenant-value-9d2f"));

        await Stack.SignInAsync("farah", password + "-typo");
        await Stack.SignInAsync("farah", password);
        var last = Stack.Function.RecentInvocations[^1].RequestId;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Stack.Function.WaitForOutputAsync(l => l.Text.Contains(last, StringComparison.Ordinal), patience.Token);

        var output = fixture.FunctionOutput;
        output.ShouldNotContain(password);
        output.ShouldNotContain("farah-secret@example.com");
        output.ShouldNotContain("tenant-value-9d2f");
        output.ShouldNotContain(oldSub);
        output.ShouldNotContain("\"farah\"");
    }
}
