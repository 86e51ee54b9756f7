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

/// <summary>What the sandbox needs from whoever runs the child process.</summary>
internal interface IChildControl
{
    /// <summary>Ends the child of this generation, if it is still the running one.</summary>
    void Kill(int generation, KillReason reason);

    /// <summary>The runtime answered an invocation: its failures in a row start again from zero.</summary>
    void NoteHealthy();
}
