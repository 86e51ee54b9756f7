namespace AttrMapper.Cli.Settle;

/// <summary>One marked user's result: the groups added (or that would be), those the pool lacks, and why it failed.</summary>
/// <param name="Lookup">The marker said "look the groups up in the old pool".</param>
/// <param name="Reason">For Failed and Rejected: our own words, never upstream text or the marker's value.</param>
internal sealed record UserSettle(
    string Username, SettleOutcome Outcome, IReadOnlyList<string> Groups, IReadOnlyList<string> Missing, bool Lookup, string? Reason);
