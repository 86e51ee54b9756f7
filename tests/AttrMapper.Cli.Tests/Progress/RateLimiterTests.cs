using AttrMapper.Cli.Progress;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Cli.Tests.Progress;

public sealed class RateLimiterTests
{
    [Fact]
    public async Task WaitAsync_ThirtyPerSecond_SpacesCallsOneThirtiethApart()
    {
        var time = new FakeTimeProvider();
        var limiter = new RateLimiter(30, time);

        var first = limiter.WaitAsync(CancellationToken.None);
        var second = limiter.WaitAsync(CancellationToken.None);

        first.IsCompleted.ShouldBeTrue();
        second.IsCompleted.ShouldBeFalse();
        time.Advance(limiter.Interval - TimeSpan.FromTicks(1));
        second.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second;
    }

    [Fact]
    public void WaitAsync_AfterIdleTime_DoesNotBurst()
    {
        var time = new FakeTimeProvider();
        var limiter = new RateLimiter(10, time);
        time.Advance(TimeSpan.FromMinutes(1));

        limiter.WaitAsync(CancellationToken.None).IsCompleted.ShouldBeTrue();
        limiter.WaitAsync(CancellationToken.None).IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public void PushBack_DelaysTheNextCall()
    {
        var time = new FakeTimeProvider();
        var limiter = new RateLimiter(30, time);
        limiter.WaitAsync(CancellationToken.None).IsCompleted.ShouldBeTrue();

        limiter.PushBack(TimeSpan.FromSeconds(2));
        var next = limiter.WaitAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));

        next.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));
        next.IsCompleted.ShouldBeTrue();
    }
}
