using AttrMapper.Cognito;
using AttrMapper.LocalPeers;
using AttrMapper.Tests.Cognito;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Groups;

/// <summary>The real transport and new-pool client against the scripted pool playing the new pool.</summary>
[Trait("Category", "Loopback")]
public sealed class NewPoolClientLoopbackTests : IAsyncLifetime
{
    private const string NewPool = "eu-west-1_NewPool01";
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly HttpClient http = new();
    private ScriptedOldPool pool = null!;

    public async Task InitializeAsync()
    {
        pool = await ScriptedOldPool.StartAsync("eu-west-1_OldPool01", time: time);
        pool.AddPoolUser(NewPool, new FakeUser { Username = "alice", Password = "pw", Attributes = [new("custom:pending_groups", "v1.x.y")] });
        pool.CreateGroups(NewPool, "admins");
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await pool.DisposeAsync();
    }

    private NewPoolClient Client() =>
        new(new CognitoTransport(http, StaticCredentials.Session, time), pool.Endpoint, TimeSpan.FromSeconds(5));

    [Fact]
    public async Task AddThenDelete_MembershipHeldAndMarkerGone_UnknownGroupIsResourceNotFound()
    {
        await Client().AdminAddUserToGroupAsync(NewPool, "alice", "admins", default);
        var missing = await Should.ThrowAsync<CognitoException>(Client().AdminAddUserToGroupAsync(NewPool, "alice", "nope", default));
        await Client().AdminDeleteUserAttributesAsync(NewPool, "alice", "custom:pending_groups", default);

        pool.GroupsOf("alice", NewPool).ShouldBe(["admins"]);
        missing.Code.ShouldBe("ResourceNotFoundException");
        pool.FindUser("alice", NewPool)!.Attributes.ShouldNotContain(a => a.Key == "custom:pending_groups");
    }

    [Fact]
    public async Task UsernameAttributes_DescribeUserPool_Read()
    {
        (await Client().UsernameAttributesAsync(NewPool, default)).ShouldBeEmpty();
    }
}
