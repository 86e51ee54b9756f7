using AttrMapper.Demo.Stack;

namespace AttrMapper.EndToEnd.Tests.CognitoLocal;

/// <summary>The demo's stack with the demo's map under <c>"attributeSource": "IdToken"</c>.</summary>
public sealed class IdTokenStackFixture : StackFixture
{
    public IdTokenStackFixture()
        : base(60, DemoMap.Replace("\"version\": 1,", "\"version\": 1,\n  \"attributeSource\": \"IdToken\",", StringComparison.Ordinal))
    {
    }
}

/// <summary>
/// Through cognito-local's real sign-in tokens (its narrower claim set corrected by the fidelity proxy) and the published
/// bootstrap: an IdToken migration costs one old-pool call and gives the new pool the attributes AdminGetUser gives.
/// </summary>
public sealed class IdTokenMigrationTests(IdTokenStackFixture fixture) : IClassFixture<IdTokenStackFixture>
{
    private LocalMigrationStack Stack => fixture.Stack;

    [Fact]
    public async Task SignIn_IdTokenMap_OneOldPoolCallAndTheAttributesAdminGetUserGives()
    {
        const string password = "IdT0ken-Passw0rd-1!";
        await Stack.AddOldUserAsync("ines", password, [
            new("email", "ines@example.com"), new("email_verified", "true"), new("given_name", "Inês"), new("family_name", "O'Neil"),
            new("custom:tenant", "acme"), new("custom:internal_flag", "beta-cohort-7")]);
        var old = await Stack.OldPool.CallAsync("AdminGetUser", new System.Text.Json.Nodes.JsonObject
        {
            ["UserPoolId"] = LocalMigrationStack.OldUserPoolId,
            ["Username"] = "ines",
        });
        var oldSub = old.Ok("AdminGetUser")["UserAttributes"]!.AsArray().Single(a => a!["Name"]!.GetValue<string>() == "sub")!["Value"]!.GetValue<string>();
        var before = Stack.OldPoolApi.Operations.Count;

        var result = await Stack.SignInAsync("ines", password);

        result.SignedIn.ShouldBeTrue(result.ToString());
        Stack.OldPoolApi.Operations.Skip(before).ShouldBe(["AdminInitiateAuth"]);
        var user = (await Stack.GetNewPoolUserAsync("ines")).ShouldNotBeNull();
        user.Status.ShouldBe("CONFIRMED");
        // What the AdminGetUser source gives the same user (MigrationThroughCognitoLocalTests asserts this set under it).
        user.Attributes.Where(a => a.Key != "sub").ShouldBe(new Dictionary<string, string>
        {
            ["email"] = "ines@example.com",
            ["email_verified"] = "true",
            ["given_name"] = "Inês",
            ["family_name"] = "O'Neil",
            ["custom:tenant_id"] = "acme",
            ["custom:legacy_sub"] = oldSub,
            ["custom:plan"] = "free",
        }, ignoreOrder: true);
    }
}
