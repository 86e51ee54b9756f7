using AttrMapper.Cognito;

namespace AttrMapper.Tests.Cognito;

public sealed class SecretHashTests
{
    // Expected values computed independently:
    // python3 -c 'import hmac,hashlib,base64; print(base64.b64encode(hmac.new(SECRET, USER+CLIENT, hashlib.sha256).digest()))'
    [Theory]
    [InlineData("bob", "oldclient123", "s3cr3t-Secret-Value", "Y3poEh8FULPF5JucETY0K4UZgu/dVAuyyLS6ho3KQFI=")]
    [InlineData("jürgen@example.com", "abc123clientid", "ünïcode-sécret", "kd5jL51sJMGTDZAiY8cIFCxX+Xokf7hxZthPcPzT4Hs=")]
    public void Compute_KnownInputs_MatchesIndependentHmac(string username, string clientId, string secret, string expected) =>
        SecretHash.Compute(username, clientId, secret).ShouldBe(expected);
}
