namespace AttrMapper.LambdaHost.Invocations;

/// <summary>What the sandbox needs from whoever runs the child process.</summary>
internal interface IChildControl
{
    /// <summary>Ends the child of this generation, if it is still the running one.</summary>
    void Kill(int generation, KillReason reason);

    /// <summary>The runtime answered an invocation: its failures in a row start again from zero.</summary>
    void NoteHealthy();
}
