namespace AttrMapper.LambdaHost.Invocations;

/// <summary>Why the host itself ends a child process.</summary>
internal enum KillReason
{
    None,

    /// <summary>An invocation timed out: Lambda discards the sandbox, and a hung runtime would never call /next again.</summary>
    Timeout,

    /// <summary>The runtime reported an init error: Lambda discards the sandbox and initializes a new one.</summary>
    InitError,

    /// <summary>The host is stopping.</summary>
    Stop,
}
