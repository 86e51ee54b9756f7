namespace AttrMapper.Logging;

/// <summary>How an invocation ended, as the log and the metrics count it; <see cref="OutcomeNames"/> spells it.</summary>
public enum OutcomeKind
{
    Migrated,
    Rejected,
    Fault,
}
