namespace AttrMapper.Logging;

/// <summary>How an invocation ended, as the log and the metrics count it; <see cref="OutcomeNames"/> spells it.</summary>
public enum OutcomeKind
{
    Migrated,
    Rejected,
    Fault,

    /// <summary>A group trigger's answer (pre token generation, post authentication/confirmation): never a sign-in failure.</summary>
    Answered,
}
