namespace AttrMapper.Runtime;

/// <summary>The error the loop posts for an event without an answer: a type and a body given to it, so constant.</summary>
internal sealed record FunctionError(string ErrorType, byte[] Body);
