using System.Text.Json.Nodes;

namespace AttrMapper.LocalPeers;

/// <summary>The sign-in answer's tokens and the app clients' descriptions.</summary>
public sealed partial class ScriptedOldPool
{
    private static string Tokens(PoolState pool, FakeAppClient client, FakeUser user) => new JsonObject
    {
        ["AuthenticationResult"] = new JsonObject
        {
            ["AccessToken"] = "eyJraWQiOiJhY2Nlc3MifQ.e30.c2ln",
            ["ExpiresIn"] = 3600,
            ["IdToken"] = "eyJraWQiOiJpZCJ9.e30.c2ln",
            ["RefreshToken"] = "eyJjdHkiOiJKV1QifQ.refresh",
            ["TokenType"] = "Bearer",
        },
        ["ChallengeParameters"] = new JsonObject(),
    }.ToJsonString();

    private static (int, string) DescribeUserPoolClient(JsonObject body, PoolState pool) => (400, AwsJson.Error("UnknownOperationException", string.Empty));

    private static (int, string) ListUserPoolClients(JsonObject body, PoolState pool) => (400, AwsJson.Error("UnknownOperationException", string.Empty));

    private static (int, string) ImportOperation(string operation, JsonObject body, PoolState pool) => (400, AwsJson.Error("UnknownOperationException", string.Empty));
}
