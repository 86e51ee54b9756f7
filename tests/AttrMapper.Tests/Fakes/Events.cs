using System.Text;
using System.Text.Json.Nodes;

namespace AttrMapper.Tests.Fakes;

/// <summary>Trigger events shaped exactly like the fixtures Cognito documents.</summary>
internal static class Events
{
    public const string NewPool = "eu-west-1_NewPool01";
    public const string Canary = "Canary-Pa55word-7f3a9c";

    public static JsonObject SignIn(string userName = "alice", string? password = Canary, string pool = NewPool) => new()
    {
        ["version"] = "1",
        ["triggerSource"] = "UserMigration_Authentication",
        ["region"] = "eu-west-1",
        ["userPoolId"] = pool,
        ["userName"] = userName,
        ["callerContext"] = new JsonObject { ["awsSdkVersion"] = "aws-sdk-unknown-unknown", ["clientId"] = "5example0newpoolclient00" },
        ["request"] = new JsonObject { ["password"] = password, ["validationData"] = null, ["clientMetadata"] = null, ["userAttributes"] = null },
        ["response"] = EmptyResponse(),
    };

    public static JsonObject ForgotPassword(string userName = "bob", string pool = NewPool) => new()
    {
        ["version"] = "1",
        ["triggerSource"] = "UserMigration_ForgotPassword",
        ["region"] = "eu-west-1",
        ["userPoolId"] = pool,
        ["userName"] = userName,
        ["callerContext"] = new JsonObject { ["awsSdkVersion"] = "aws-sdk-unknown-unknown", ["clientId"] = "5example0newpoolclient00" },
        ["request"] = new JsonObject { ["validationData"] = null, ["clientMetadata"] = new JsonObject { ["source"] = "web" }, ["userAttributes"] = null },
        ["response"] = EmptyResponse(),
    };

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    /// <summary>What every reject must look like: the event as received with <c>response</c> = <c>{}</c>.</summary>
    public static JsonNode ExpectedReject(JsonObject sent)
    {
        var copy = sent.DeepClone().AsObject();
        copy["response"] = new JsonObject();
        return copy;
    }

    private static JsonObject EmptyResponse() => new()
    {
        ["userAttributes"] = null,
        ["forceAliasCreation"] = null,
        ["enableSMSMFA"] = null,
        ["finalUserStatus"] = null,
        ["messageAction"] = null,
        ["desiredDeliveryMediums"] = null,
    };
}
