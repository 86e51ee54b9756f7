using AttrMapper.Logging;

namespace AttrMapper.Migration;

/// <summary>The decision for one event: migrate with an answer, reject, or fault; <see cref="Reason"/> is a fixed code.</summary>
public sealed record Outcome(OutcomeKind Kind, string Reason, MigrationAnswer? Answer = null)
{
    public static Outcome Migrate(MigrationAnswer answer, string reason) => new(OutcomeKind.Migrated, reason, answer);

    public static Outcome Reject(string reason) => new(OutcomeKind.Rejected, reason);

    public static Outcome Fault(string reason) => new(OutcomeKind.Fault, reason);
}
