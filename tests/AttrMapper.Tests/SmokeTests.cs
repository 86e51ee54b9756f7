namespace AttrMapper.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Placeholder_Builds_True() => true.ShouldBeTrue();
}
