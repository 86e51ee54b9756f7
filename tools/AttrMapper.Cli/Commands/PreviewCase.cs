using AttrMapper.Migration;

namespace AttrMapper.Cli.Commands;

/// <summary>One line of a preview: a situation (e.g. "sign-in, challenge SMS_MFA") and what the function would answer.</summary>
internal sealed record PreviewCase(string Trigger, string Situation, Outcome Outcome);
