namespace AttrMapper.LambdaHost;

/// <summary>Where an <see cref="OutputLine"/> came from.</summary>
public enum OutputSource
{
    Stdout,
    Stderr,

    /// <summary>The host's own note about the child: started, exited, restarted, given up.</summary>
    Host,
}

/// <summary>One line of the child's output (or a host note), with the child's process id.</summary>
public sealed record OutputLine(DateTimeOffset Timestamp, OutputSource Source, int ProcessId, string Text);
