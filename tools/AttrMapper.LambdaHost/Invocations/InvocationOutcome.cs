namespace AttrMapper.LambdaHost;

/// <summary>How one invocation ended, as the Invoke API caller saw it.</summary>
public enum InvocationOutcome
{
    /// <summary>The runtime posted <c>/response</c>.</summary>
    Success,

    /// <summary>The runtime posted <c>/error</c>.</summary>
    FunctionError,

    /// <summary>No answer within the function timeout (<c>Sandbox.Timedout</c>); the child was killed.</summary>
    Timeout,

    /// <summary>The runtime posted <c>/init/error</c>.</summary>
    InitError,

    /// <summary>The child exited, or could not be started, while the invocation waited (<c>Runtime.ExitError</c>).</summary>
    RuntimeExit,

    /// <summary>The response was over Lambda's 6 MB limit.</summary>
    ResponseTooLarge,

    /// <summary>The child failed too often in a row and is no longer restarted; the last failure is repeated.</summary>
    Unavailable,

    /// <summary>The host stopped while the invocation waited.</summary>
    HostStopped,
}
