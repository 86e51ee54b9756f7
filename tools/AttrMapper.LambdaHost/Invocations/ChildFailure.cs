namespace AttrMapper.LambdaHost.Invocations;

/// <summary>Why the child last failed, kept so invokes can be answered with it once restarts are exhausted.</summary>
/// <param name="Detail">For an exit or failed start: the text after <c>Error:</c> in Lambda's message.</param>
/// <param name="Body">For an init error: the body the runtime posted.</param>
internal sealed record ChildFailure(ChildFailureKind Kind, string Detail, byte[] Body, string? ErrorType);
