using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AttrMapper.LambdaHost.Tests.FakeBootstrap;

namespace AttrMapper.LambdaHost.Tests;

public sealed class LocalLambdaHostTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Invoke_EchoFunction_ReturnsFunctionResponseWithLambdaContext()
    {
        await using var host = await FakeRuntime.StartAsync(new Dictionary<string, string> { ["FOO"] = "bar" }, TimeSpan.FromSeconds(30));
        var before = DateTimeOffset.UtcNow;

        var answer = await FakeRuntime.InvokeAsync(host, """{"userName":"alice","envKeys":["FOO","HOME"]}""");

        answer.Status.ShouldBe(200);
        answer.FunctionError.ShouldBeNull();
        var json = answer.Json;
        json.GetProperty("echo").GetProperty("userName").GetString().ShouldBe("alice");
        json.GetProperty("requestId").GetString().ShouldBe(answer.RequestId);
        json.GetProperty("functionArn").GetString().ShouldBe("arn:aws:lambda:eu-west-1:000000000000:function:attrmapper-test");
        json.GetProperty("traceId").GetString()!.ShouldStartWith("Root=1-");
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(json.GetProperty("deadlineMs").GetInt64());
        deadline.ShouldBeGreaterThan(before.AddSeconds(29));
        deadline.ShouldBeLessThan(DateTimeOffset.UtcNow.AddSeconds(31));
        var env = json.GetProperty("env");
        env.GetProperty("AWS_LAMBDA_RUNTIME_API").GetString().ShouldBe(host.RuntimeApi);
        env.GetProperty("AWS_LAMBDA_FUNCTION_NAME").GetString().ShouldBe("attrmapper-test");
        env.GetProperty("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").GetString().ShouldBe("128");
        env.GetProperty("AWS_REGION").GetString().ShouldBe("eu-west-1");
        env.GetProperty("FOO").GetString().ShouldBe("bar");
        env.GetProperty("HOME").ValueKind.ShouldBe(JsonValueKind.Null);
        host.InvocationCount.ShouldBe(1);
        var record = host.RecentInvocations.ShouldHaveSingleItem();
        record.RequestId.ShouldBe(answer.RequestId);
        record.Outcome.ShouldBe(InvocationOutcome.Success);
    }

    [Fact]
    public async Task InvokeAsync_InProcess_GoesThroughTheSameRuntime()
    {
        await using var host = await FakeRuntime.StartAsync();

        var result = await host.InvokeAsync("""{"n":"in-process"}"""u8.ToArray()).WaitAsync(Generous);

        result.IsFunctionError.ShouldBeFalse();
        JsonDocument.Parse(result.Payload).RootElement.GetProperty("requestId").GetString().ShouldBe(result.RequestId);
        host.InvocationCount.ShouldBe(1);
    }

    [Fact]
    public async Task Invoke_FunctionPostsError_AnswersUnhandledWithTheErrorBody()
    {
        await using var host = await FakeRuntime.StartAsync();

        var answer = await FakeRuntime.InvokeAsync(host, """{"fake":"error"}""");

        answer.Status.ShouldBe(200);
        answer.FunctionError.ShouldBe("Unhandled");
        answer.Json.GetProperty("errorType").GetString().ShouldBe("Fake.Failure");
        answer.Json.GetProperty("errorMessage").GetString().ShouldBe("the fake failed on purpose");
        host.RecentInvocations.ShouldHaveSingleItem().Outcome.ShouldBe(InvocationOutcome.FunctionError);
    }

    [Fact]
    public async Task Invoke_FunctionHangs_AnswersSandboxTimeoutAfterTheTimeoutAndRecovers()
    {
        // 5 s, not 1: the invocation after the timeout must also be answered within it, by a python on a loaded machine.
        await using var host = await FakeRuntime.StartAsync(timeout: TimeSpan.FromSeconds(5));
        (await host.WaitUntilReadyAsync().WaitAsync(Generous)).ShouldBeTrue();
        var clock = Stopwatch.StartNew();

        var answer = await FakeRuntime.InvokeAsync(host, """{"fake":"hang"}""");
        clock.Stop();

        answer.Status.ShouldBe(200);
        answer.FunctionError.ShouldBe("Unhandled");
        answer.Json.GetProperty("errorType").GetString().ShouldBe("Sandbox.Timedout");
        answer.Json.GetProperty("errorMessage").GetString()
            .ShouldBe($"RequestId: {answer.RequestId} Error: Task timed out after 5.00 seconds");
        // Not before the timeout (the host guarantees that much); how long after is the machine's business.
        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(4.9));
        host.RecentInvocations.ShouldHaveSingleItem().Outcome.ShouldBe(InvocationOutcome.Timeout);

        // Sent at once, while the killed child is still being reaped and replaced: its 5 s start when the new child takes it.
        var next = await FakeRuntime.InvokeAsync(host, """{"after":"timeout"}""");
        next.FunctionError.ShouldBeNull(next.Body);
        next.Json.GetProperty("echo").GetProperty("after").GetString().ShouldBe("timeout");
        host.ChildStartCount.ShouldBe(2);
    }

    [Fact]
    public async Task Invoke_TwoAtOnce_SerializesThemAndAnswersBoth()
    {
        await using var host = await FakeRuntime.StartAsync();
        var gate = Path.Combine(Path.GetTempPath(), $"lambdahost-gate-{Guid.NewGuid():N}");
        try
        {
            // The first holds the sandbox until the second is surely queued behind it: the overlap is arranged, not
            // hoped for from a sleep long enough "even on a loaded machine".
            var first = FakeRuntime.InvokeAsync(host, $$"""{"n":1,"waitForFile":{{JsonSerializer.Serialize(gate)}}}""");
            await host.WaitForOutputAsync(l => l.Text.Contains("\"invoke\"", StringComparison.Ordinal)).WaitAsync(Generous);
            var second = host.InvokeAsync("""{"n":2}"""u8.ToArray());
            await File.WriteAllTextAsync(gate, string.Empty);

            var one = await first.WaitAsync(Generous);
            var two = await second.WaitAsync(Generous);

            one.Status.ShouldBe(200);
            one.FunctionError.ShouldBeNull(one.Body);
            one.Json.GetProperty("echo").GetProperty("n").GetInt32().ShouldBe(1);
            two.IsFunctionError.ShouldBeFalse();
            JsonDocument.Parse(two.Payload).RootElement.GetProperty("echo").GetProperty("n").GetInt32().ShouldBe(2);
        }
        finally
        {
            File.Delete(gate);
        }

        // The fake prints "done" after its answer is posted, so the caller can have the answer before the host has read
        // that line: wait for the last one rather than assume it is in.
        var lastId = host.RecentInvocations[^1].RequestId;
        await host.WaitForOutputAsync(l => l.Text.Contains($"\"done\", \"requestId\": \"{lastId}\"", StringComparison.Ordinal))
            .WaitAsync(Generous);
        var records = host.RecentInvocations;
        records.Count.ShouldBe(2);
        records[1].StartedAt.ShouldBeGreaterThanOrEqualTo(records[0].StartedAt + records[0].Duration - TimeSpan.FromMilliseconds(5));
        records[1].QueueWait.ShouldBeGreaterThan(TimeSpan.Zero);

        // The runtime saw one whole invocation, then the other.
        var events = host.OutputLines
            .Where(l => l.Source == OutputSource.Stdout && l.Text.Contains("\"requestId\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l.Text).RootElement)
            .Select(e => (Event: e.GetProperty("event").GetString(), Id: e.GetProperty("requestId").GetString()))
            .ToList();
        events.Select(e => e.Event).ShouldBe(["invoke", "done", "invoke", "done"]);
        events[0].Id.ShouldBe(events[1].Id);
        events[2].Id.ShouldBe(events[3].Id);
    }

    [Fact]
    public async Task Invoke_ChildCrashes_AnswersExitErrorThenRestartsIt()
    {
        await using var host = await FakeRuntime.StartAsync();
        var first = await FakeRuntime.InvokeAsync(host, """{"n":1}""");
        var firstPid = first.Json.GetProperty("pid").GetInt32();

        var crash = await FakeRuntime.InvokeAsync(host, """{"fake":"crash","exitCode":7}""");

        crash.FunctionError.ShouldBe("Unhandled");
        crash.Json.GetProperty("errorType").GetString().ShouldBe("Runtime.ExitError");
        crash.Json.GetProperty("errorMessage").GetString()
            .ShouldBe($"RequestId: {crash.RequestId} Error: Runtime exited with error: exit status 7");

        var after = await FakeRuntime.InvokeAsync(host, """{"n":3}""");
        after.FunctionError.ShouldBeNull();
        after.Json.GetProperty("pid").GetInt32().ShouldNotBe(firstPid);
        host.ChildStartCount.ShouldBe(2);
        host.RecentInvocations.Select(r => r.Outcome)
            .ShouldBe([InvocationOutcome.Success, InvocationOutcome.RuntimeExit, InvocationOutcome.Success]);
    }

    [Fact]
    public async Task Invoke_BootstrapExitsAtStart_GivesUpAfterTheLimitAndAnswersExitError()
    {
        await using var host = await FakeRuntime.StartAsync(
            new Dictionary<string, string> { ["FAKE_MODE"] = "exit", ["FAKE_EXIT_CODE"] = "4" }, maxConsecutiveFailures: 2);

        (await host.WaitUntilReadyAsync().WaitAsync(Generous)).ShouldBeFalse();
        var answer = await FakeRuntime.InvokeAsync(host, "{}");

        host.IsGivenUp.ShouldBeTrue();
        host.ChildStartCount.ShouldBe(2);
        host.ChildProcessId.ShouldBeNull();
        answer.Status.ShouldBe(200);
        answer.FunctionError.ShouldBe("Unhandled");
        answer.Json.GetProperty("errorType").GetString().ShouldBe("Runtime.ExitError");
        answer.Json.GetProperty("errorMessage").GetString().ShouldEndWith("Runtime exited with error: exit status 4");
        host.RecentInvocations.ShouldHaveSingleItem().Outcome.ShouldBe(InvocationOutcome.Unavailable);
    }

    [Fact]
    public async Task Invoke_RuntimePostsInitError_AnswersUnhandledWithTheInitError()
    {
        await using var host = await FakeRuntime.StartAsync(new Dictionary<string, string> { ["FAKE_MODE"] = "init-error" });

        var answer = await FakeRuntime.InvokeAsync(host, "{}");

        answer.Status.ShouldBe(200);
        answer.FunctionError.ShouldBe("Unhandled");
        answer.Json.GetProperty("errorType").GetString().ShouldBe("Fake.InitFailure");
        answer.Json.GetProperty("errorMessage").GetString().ShouldBe("MAP_PARAMETER_NAME is not set");
        host.RecentInvocations.ShouldHaveSingleItem().Outcome.ShouldBe(InvocationOutcome.InitError);
    }

    [Fact]
    public async Task Invoke_BootstrapNotExecutable_GivesUpAndAnswersInvalidEntrypoint()
    {
        var notExecutable = Path.GetTempFileName();
        try
        {
            await using var host = await LocalLambdaHost.StartAsync(new LambdaHostOptions
            {
                BootstrapPath = notExecutable,
                MaxConsecutiveFailures = 2,
            });

            (await host.WaitUntilReadyAsync().WaitAsync(Generous)).ShouldBeFalse();
            var answer = await FakeRuntime.InvokeAsync(host, "{}");

            answer.FunctionError.ShouldBe("Unhandled");
            answer.Json.GetProperty("errorType").GetString().ShouldBe("Runtime.InvalidEntrypoint");
            host.ChildStartCount.ShouldBe(0);
            host.OutputLines.ShouldContain(l => l.Source == OutputSource.Host && l.Text.StartsWith("cannot start", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(notExecutable);
        }
    }

    [Fact]
    public async Task Start_ExitedChildLeavesADescendantHoldingItsOutput_StillGivesUpPromptly()
    {
        var script = Path.Combine(Path.GetTempPath(), $"lambdahost-orphan-{Guid.NewGuid():N}.sh");
        // The descendant outlives the patience below: a host that waited for it to close the pipes would not give up in time.
        await File.WriteAllTextAsync(script, "#!/bin/sh\nsleep 120 &\necho \"descendant $!\"\nexit 5\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            await using var host = await LocalLambdaHost.StartAsync(new LambdaHostOptions { BootstrapPath = script, MaxConsecutiveFailures = 1 });

            (await host.WaitUntilReadyAsync().WaitAsync(Generous)).ShouldBeFalse();

            host.OutputLines.ShouldContain(l => l.Text.Contains("still holds its output open", StringComparison.Ordinal));
            var descendant = await host.WaitForOutputAsync(l => l.Text.StartsWith("descendant ", StringComparison.Ordinal)).WaitAsync(Generous);
            using var sleeper = Process.GetProcessById(int.Parse(descendant.Text["descendant ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            sleeper.HasExited.ShouldBeFalse("the host gave up while the descendant still held the output");
            sleeper.Kill();
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task DisposeAsync_ChildRunning_KillsTheChildProcess()
    {
        var host = await FakeRuntime.StartAsync();
        (await host.WaitUntilReadyAsync().WaitAsync(Generous)).ShouldBeTrue();
        var pid = host.ChildProcessId.ShouldNotBeNull();
        FakeRuntime.IsGone(pid).ShouldBeFalse();

        await host.DisposeAsync();

        FakeRuntime.IsGone(pid).ShouldBeTrue();
    }

    [Fact]
    public async Task DisposeAsync_InvocationInFlight_AnswersItAndKillsTheChild()
    {
        var host = await FakeRuntime.StartAsync();
        var hanging = FakeRuntime.InvokeAsync(host, """{"fake":"hang"}""");
        await host.WaitForOutputAsync(l => l.Text.Contains("\"hang\"", StringComparison.Ordinal)).WaitAsync(Generous);
        var pid = host.ChildProcessId.ShouldNotBeNull();

        await host.DisposeAsync();

        FakeRuntime.IsGone(pid).ShouldBeTrue();
        var answer = await hanging.WaitAsync(Generous);
        answer.FunctionError.ShouldBe("Unhandled");
    }

    [Fact]
    public async Task Invoke_EventInvocationType_Answers202AndRunsItQueued()
    {
        await using var host = await FakeRuntime.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, host.InvokeUri)
        {
            Content = new StringContent("""{"n":"event"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Amz-Invocation-Type", "Event");

        using var response = await FakeRuntime.Http.SendAsync(request);
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();

        ((int)response.StatusCode).ShouldBe(202);
        await host.WaitForOutputAsync(l => l.Text.Contains($"\"done\", \"requestId\": \"{requestId}\"", StringComparison.Ordinal))
            .WaitAsync(Generous);
    }

    [Fact]
    public async Task Invoke_UnknownFunction_Answers404ResourceNotFound()
    {
        await using var host = await FakeRuntime.StartAsync();

        var answer = await FakeRuntime.InvokeAsync(host, "{}", functionName: "someone-else");

        answer.Status.ShouldBe(404);
        answer.ErrorType.ShouldBe("ResourceNotFoundException");
        answer.Json.GetProperty("message").GetString()
            .ShouldBe("Function not found: arn:aws:lambda:eu-west-1:000000000000:function:someone-else");
        host.InvocationCount.ShouldBe(0);
    }

    [Fact]
    public async Task Invoke_FunctionArn_IsTheSameFunction()
    {
        await using var host = await FakeRuntime.StartAsync();

        var answer = await FakeRuntime.InvokeAsync(host, """{"n":1}""", functionName: host.FunctionArn);

        answer.Status.ShouldBe(200);
        answer.FunctionError.ShouldBeNull();
    }

    [Fact]
    public async Task Invoke_BodyIsNotJson_Answers400InvalidRequestContent()
    {
        await using var host = await FakeRuntime.StartAsync();

        var answer = await FakeRuntime.InvokeAsync(host, "not json");

        answer.Status.ShouldBe(400);
        answer.ErrorType.ShouldBe("InvalidRequestContentException");
        host.InvocationCount.ShouldBe(0);
    }

    [Fact]
    public async Task RuntimeResponse_UnknownRequestId_Answers400()
    {
        await using var host = await FakeRuntime.StartAsync();
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await FakeRuntime.Http.PostAsync(
            new Uri(host.BaseAddress, "2018-06-01/runtime/invocation/no-such-id/response"), content);

        ((int)response.StatusCode).ShouldBe(400);
        (await response.Content.ReadAsStringAsync()).ShouldContain("InvalidRequestID");
    }

    [Fact]
    public async Task RuntimeInitError_AfterFirstNext_Answers403()
    {
        await using var host = await FakeRuntime.StartAsync();
        (await host.WaitUntilReadyAsync().WaitAsync(Generous)).ShouldBeTrue();
        using var content = new StringContent("""{"errorType":"Late","errorMessage":"too late"}""", Encoding.UTF8, "application/json");

        using var response = await FakeRuntime.Http.PostAsync(new Uri(host.BaseAddress, "2018-06-01/runtime/init/error"), content);

        ((int)response.StatusCode).ShouldBe(403);
        (await FakeRuntime.InvokeAsync(host, "{}")).FunctionError.ShouldBeNull();
    }

    [Fact]
    public async Task OutputLines_ChildWritesBothStreams_KeepsAndForwardsEveryLine()
    {
        var forwarded = new System.Collections.Concurrent.ConcurrentQueue<OutputLine>();
        await using var host = await FakeRuntime.StartAsync(sink: forwarded.Enqueue);

        var stderr = await host.WaitForOutputAsync(l => l.Source == OutputSource.Stderr).WaitAsync(Generous);
        await FakeRuntime.InvokeAsync(host, "{}");

        stderr.Text.ShouldBe("fake bootstrap writes to stderr too");
        var pid = host.ChildProcessId.ShouldNotBeNull();
        stderr.ProcessId.ShouldBe(pid);

        // Each stream has its own reader, and the host notes the start on its own thread: none of them is ordered
        // against the other or against the invocation, so each line is waited for.
        await host.WaitForOutputAsync(l => l.Source == OutputSource.Stdout && l.Text.Contains("\"start\"", StringComparison.Ordinal))
            .WaitAsync(Generous);
        await host.WaitForOutputAsync(l => l.Source == OutputSource.Host && l.Text.Contains("started", StringComparison.Ordinal))
            .WaitAsync(Generous);
        forwarded.ShouldContain(stderr);
    }
}
