using AttrMapper.Logging;

namespace AttrMapper.Triggers;

/// <summary>The dispatch's product: the bytes to answer with (null means the constant fault) and what to log about it.</summary>
internal sealed record HandledInvocation(byte[]? Response, InvocationRecord Record);
