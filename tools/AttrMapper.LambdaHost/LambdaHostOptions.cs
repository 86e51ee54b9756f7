namespace AttrMapper.LambdaHost;

/// <summary>How a <see cref="LocalLambdaHost"/> runs one function: its bootstrap, its environment, its limits.</summary>
public sealed class LambdaHostOptions
{
    /// <summary>The executable speaking the Runtime API (the deployed <c>bootstrap</c>, or a fake).</summary>
    public required string BootstrapPath { get; init; }

    /// <summary>The name the Invoke API answers to, also <c>AWS_LAMBDA_FUNCTION_NAME</c>.</summary>
    public string FunctionName { get; init; } = "attrmapper";

    /// <summary>Port on 127.0.0.1 for both APIs; 0 picks a free one (read it back from <see cref="LocalLambdaHost.BaseAddress"/>).</summary>
    public int Port { get; init; }

    /// <summary>The function's own variables; they override the Lambda-provided ones.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Whether the child also gets this process's environment. Off by default: a real function starts from a clean
    /// environment, and a developer's shell credentials must not leak into a local run. PATH is always passed.
    /// </summary>
    public bool InheritEnvironment { get; init; }

    /// <summary>The function timeout; Cognito gives a trigger 5 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Lambda's limit for the Init phase: how long an invocation waits for a runtime to take it (a child starting, or
    /// restarting after a timeout or a crash) before it times out. The function timeout starts only when <c>/next</c>
    /// hands the invocation over, as Lambda's Invoke phase does.
    /// </summary>
    public TimeSpan InitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int MemorySizeMb { get; init; } = 128;

    public string Region { get; init; } = "eu-west-1";

    public string AccountId { get; init; } = "000000000000";

    /// <summary>After this many child failures in a row (exit, init error) the host stops restarting it.</summary>
    public int MaxConsecutiveFailures { get; init; } = 3;

    /// <summary>How many invocation records <see cref="LocalLambdaHost.RecentInvocations"/> keeps.</summary>
    public int RecordCapacity { get; init; } = 100;

    /// <summary>How many output lines <see cref="LocalLambdaHost.OutputLines"/> keeps.</summary>
    public int OutputCapacity { get; init; } = 10_000;

    /// <summary>Receives every line the child writes, and the host's own notes about the child, as they come.</summary>
    public Action<OutputLine>? OutputSink { get; init; }

    /// <summary>The child's working directory; defaults to the bootstrap's folder (LAMBDA_TASK_ROOT).</summary>
    public string? WorkingDirectory { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal string FunctionArn => $"arn:aws:lambda:{Region}:{AccountId}:function:{FunctionName}";

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(BootstrapPath))
        {
            throw new ArgumentException("BootstrapPath is required.", nameof(BootstrapPath));
        }

        if (string.IsNullOrWhiteSpace(FunctionName) || FunctionName.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("FunctionName must be a plain function name.", nameof(FunctionName));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be 0..65535.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Timeout must be positive.");
        }

        if (InitTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(InitTimeout), InitTimeout, "InitTimeout must be positive.");
        }

        if (MaxConsecutiveFailures < 1 || RecordCapacity < 1 || OutputCapacity < 1)
        {
            throw new ArgumentException("MaxConsecutiveFailures, RecordCapacity and OutputCapacity must be at least 1.");
        }
    }
}
