using AttrMapper.Logging;

namespace AttrMapper.Migration;

/// <summary>The handler's product: the bytes to answer with (null means fault) and what to log about it.</summary>
internal sealed record HandledInvocation(byte[]? Response, InvocationRecord Record);
