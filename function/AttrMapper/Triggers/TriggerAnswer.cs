using AttrMapper.Logging;

namespace AttrMapper.Triggers;

/// <summary>A handler's answer: the bytes for Cognito (null: the constant fault), and the outcome and fixed reason code to log.</summary>
internal sealed record TriggerAnswer(OutcomeKind Outcome, string Reason, byte[]? Response);
