namespace AttrMapper.LambdaHost.Invocations;

/// <summary>What the Runtime API answers to a runtime's post: 202, or one of Lambda's 400/403 refusals.</summary>
internal enum RuntimePostStatus
{
    Accepted,
    UnknownRequestId,
    InvalidStateTransition,
}
