using System.Text;
using System.Text.Json;
using AttrMapper.LambdaHost.Invocations;

namespace AttrMapper.LambdaHost.Tests.Invocations;

public sealed class LambdaErrorsTests
{
    [Fact]
    public void FromRuntimeError_JsonObject_PassesItThroughWithItsType()
    {
        var posted = """{"errorType":"MigrationUnavailable","errorMessage":"User migration is temporarily unavailable."}"""u8.ToArray();

        var (body, errorType) = LambdaErrors.FromRuntimeError(posted, "Other");

        body.ShouldBe(posted);
        errorType.ShouldBe("MigrationUnavailable");
    }

    [Fact]
    public void FromRuntimeError_NotJson_WrapsItUnderTheHeaderType()
    {
        var (body, errorType) = LambdaErrors.FromRuntimeError("boom"u8.ToArray(), "Runtime.Crash");

        errorType.ShouldBe("Runtime.Crash");
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("errorType").GetString().ShouldBe("Runtime.Crash");
        json.GetProperty("errorMessage").GetString().ShouldBe("boom");
    }

    [Fact]
    public void Timeout_FractionalSeconds_FormatsLikeLambda()
    {
        var result = LambdaErrors.Timeout("id-1", TimeSpan.FromMilliseconds(2500));

        result.Outcome.ShouldBe(InvocationOutcome.Timeout);
        Encoding.UTF8.GetString(result.Payload.Span)
            .ShouldBe("""{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: id-1 Error: Task timed out after 2.50 seconds"}""");
    }
}
