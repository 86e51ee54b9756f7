using Amazon.Runtime;
using AttrMapper.Aws;
using AttrMapper.Cognito;
using AttrMapper.LocalPeers;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Aws;

/// <summary>The real STS client (endpoint from AWS_ENDPOINT_URL_STS) against the local STS, feeding the old-pool client.</summary>
public sealed class AssumedRoleLoopbackTests : IAsyncLifetime
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/old-pool-reader";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HttpClient _http = new();
    private LocalSecurityTokenService _sts = null!;
    private ScriptedOldPool _pool = null!;

    public async Task InitializeAsync()
    {
        _sts = await LocalSecurityTokenService.StartAsync();
        _sts.Clock = _time;
        _sts.RequiredExternalId = "ext-42";
        _pool = await ScriptedOldPool.StartAsync();
        _pool.AddUser(new FakeUser { Username = "bob", Password = "pw" });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _pool.DisposeAsync();
        await _sts.DisposeAsync();
    }

    [Fact]
    public async Task OldPoolCalls_WithRole_SignedWithAssumedCredentialsCachedUntilNearExpiryThenRenewedBehindTheCall()
    {
        using var role = Role("ext-42");
        var client = new OldPoolClient(_http, new OldPoolOptions(_pool.UserPoolId, _pool.ClientId, _pool.Endpoint, "eu-west-1", TimeSpan.FromSeconds(10)), role, time: _time);

        await client.AdminGetUserAsync("bob", default);
        await client.AdminGetUserAsync("bob", default);
        _time.Advance(TimeSpan.FromMinutes(56));
        await client.AdminGetUserAsync("bob", default);
        await role.Refreshing.WaitAsync(TimeSpan.FromSeconds(30));
        await client.AdminGetUserAsync("bob", default);

        _sts.Calls.Count.ShouldBe(2);
        _sts.Calls[0].ShouldBe(new AssumeRoleCall(RoleArn, "attrmapper-migration", "ext-42", true));
        _pool.Calls.Select(c => c.Authorization!.Split("Credential=")[1].Split('/')[0])
            .ShouldBe([LocalSecurityTokenService.AccessKeyId(1), LocalSecurityTokenService.AccessKeyId(1), LocalSecurityTokenService.AccessKeyId(1), LocalSecurityTokenService.AccessKeyId(2)]);
        _pool.Calls.ShouldAllBe(c => c.HadSecurityToken);
    }

    [Fact]
    public async Task OldPoolCall_RoleRefused_CredentialsFaultAndNoOldPoolCall()
    {
        using var role = Role("wrong");
        var client = new OldPoolClient(_http, new OldPoolOptions(_pool.UserPoolId, _pool.ClientId, _pool.Endpoint, "eu-west-1", TimeSpan.FromSeconds(10)), role, time: _time);

        var e = await Should.ThrowAsync<CognitoException>(client.AdminGetUserAsync("bob", default));

        e.Kind.ShouldBe(CognitoErrorKind.Credentials);
        e.SurelyUnprocessed.ShouldBeTrue();
        _pool.Calls.ShouldBeEmpty();
        role.Stats.Failures.ShouldBe(1);
    }

    private AssumedRoleCredentials Role(string externalId) =>
        AssumedRoleCredentials.Create(new BasicAWSCredentials("AKIDSOURCE", "source-secret"), "eu-west-1", RoleArn, externalId, _sts.Endpoint, _time);
}
