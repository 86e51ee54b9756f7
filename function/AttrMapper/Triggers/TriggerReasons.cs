namespace AttrMapper.Triggers;

/// <summary>The reason codes the dispatch itself gives, whatever the trigger (DESIGN.md §7).</summary>
internal static class TriggerReasons
{
    public const string MalformedEvent = "malformed_event";
    public const string UnknownTrigger = "unknown_trigger";
    public const string Internal = "internal_error";
    public const string ResponseTooLarge = "response_too_large";
}
