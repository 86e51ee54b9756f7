namespace AttrMapper.LambdaHost.Invocations;

/// <summary>How a child failed: it exited, it reported an init error, or it could not be started.</summary>
internal enum ChildFailureKind
{
    Exited,
    InitError,
    StartFailed,
}
