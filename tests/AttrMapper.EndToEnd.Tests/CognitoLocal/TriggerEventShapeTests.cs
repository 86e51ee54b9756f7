using System.Text.Json.Nodes;
using AttrMapper.LocalPeers.CognitoLocal;

namespace AttrMapper.EndToEnd.Tests.CognitoLocal;

/// <summary>The trigger proxy hands the function cognito-local's event in the shape Cognito documents (shared/fixtures).</summary>
public sealed class TriggerEventShapeTests
{
    [Fact]
    public void AsCognitoSendsIt_CognitoLocalEvent_HasCognitosVersionRequestAndNullResponseMembers()
    {
        // What cognito-local 5.3.0 sends for UserMigration_Authentication (lib/services/lambda.js).
        var sent = JsonNode.Parse("""
            {"version":"0","callerContext":{"awsSdkVersion":"2.1692.0","clientId":"abc"},"region":"local","userPoolId":"eu-west-1_DemoNew01",
             "triggerSource":"UserMigration_Authentication","userName":"alice",
             "request":{"password":"pw","validationData":{}},
             "response":{"desiredDeliveryMediums":[],"userAttributes":{}}}
            """)!.AsObject();

        var shaped = UserMigrationTriggerProxy.AsCognitoSendsIt(sent);

        shaped["version"]!.GetValue<string>().ShouldBe("1");
        shaped["request"]!.AsObject().ContainsKey("userAttributes").ShouldBeTrue();
        shaped["request"]!["userAttributes"].ShouldBeNull();
        shaped["request"]!["password"]!.GetValue<string>().ShouldBe("pw");
        var response = shaped["response"]!.AsObject();
        response.Select(p => p.Key).ShouldBe(["userAttributes", "forceAliasCreation", "enableSMSMFA", "finalUserStatus", "messageAction", "desiredDeliveryMediums"], ignoreOrder: true);
        response.ShouldAllBe(p => p.Value == null);
        shaped["userName"]!.GetValue<string>().ShouldBe("alice");
        sent["version"]!.GetValue<string>().ShouldBe("0"); // the input is left alone
    }

    [Fact]
    public void AsCognitoSendsIt_OtherTrigger_Untouched()
    {
        var sent = JsonNode.Parse("""{"version":"0","triggerSource":"PostAuthentication_Authentication","response":{}}""")!.AsObject();

        JsonNode.DeepEquals(UserMigrationTriggerProxy.AsCognitoSendsIt(sent), sent).ShouldBeTrue();
    }
}
