using Amazon.Runtime;
using AttrMapper.Aws;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Aws;

public sealed class AssumedRoleCredentialsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private int _calls;

    [Fact]
    public async Task GetAsync_BeforeRefreshMargin_ReusesCredentials()
    {
        using var role = Role();

        var first = await role.GetAsync(default);
        _time.Advance(TimeSpan.FromMinutes(54));
        var second = await role.GetAsync(default);

        second.ShouldBeSameAs(first);
        _calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_WithinRefreshMarginOfExpiry_StillValidOnesAtOnceWhileAssumingRoleAgain()
    {
        using var role = Role();
        await role.GetAsync(default);

        _time.Advance(TimeSpan.FromMinutes(55));
        var meanwhile = await role.GetAsync(default);
        await role.Refreshing.WaitAsync(TimeSpan.FromSeconds(30));
        var renewed = await role.GetAsync(default);

        _calls.ShouldBe(2);
        meanwhile!.AccessKey.ShouldBe("ASIA1");
        renewed!.AccessKey.ShouldBe("ASIA2");
    }

    [Fact]
    public async Task GetAsync_RefreshFailsBeforeExpiry_KeepsOldCredentials_AfterExpiry_None()
    {
        var fail = false;
        using var role = new AssumedRoleCredentials(_ =>
        {
            if (fail)
            {
                throw new HttpRequestException("sts down");
            }

            Interlocked.Increment(ref _calls);
            return Task.FromResult((new ImmutableCredentials("ASIA1", "secret", "token"), _time.GetUtcNow() + TimeSpan.FromHours(1)));
        }, _time);
        await role.GetAsync(default);
        fail = true;

        _time.Advance(TimeSpan.FromMinutes(56));
        (await role.GetAsync(default))!.AccessKey.ShouldBe("ASIA1");
        await role.Refreshing.WaitAsync(TimeSpan.FromSeconds(30));

        _time.Advance(TimeSpan.FromMinutes(5));
        (await role.GetAsync(default)).ShouldBeNull();
    }

    private AssumedRoleCredentials Role() => new(_ =>
    {
        var n = Interlocked.Increment(ref _calls);
        return Task.FromResult((new ImmutableCredentials($"ASIA{n}", "secret", "token"), _time.GetUtcNow() + TimeSpan.FromHours(1)));
    }, _time);
}
