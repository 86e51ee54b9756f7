namespace AttrMapper.Cli.Settle;

/// <summary>What <c>groups settle</c> did with one user's marker.</summary>
internal enum SettleOutcome
{
    /// <summary>Memberships added (a group the pool lacks skipped for good) and the marker deleted.</summary>
    Settled,

    /// <summary>--dry-run: the marker verified; these groups would be added and the marker deleted.</summary>
    WouldSettle,

    /// <summary>The marker's tag does not verify: nothing was added; the marker is left in place.</summary>
    Rejected,

    /// <summary>The marker's tag does not verify: nothing was added; --delete-rejected deleted the marker.</summary>
    RejectedDeleted,

    /// <summary>A call failed (or a lookup marker without --old-pool): nothing is lost, the marker stays.</summary>
    Failed,
}
