namespace AttrMapper.Groups;

/// <summary>The reason codes of the new pool's group triggers (DESIGN.md §7); the README lists each.</summary>
public static class GroupReasons
{
    /// <summary>No marker attribute (the usual case): the event unchanged, no upstream call.</summary>
    public const string NoMarker = "no_marker";

    /// <summary>Pre token generation: the marker's groups went into the tokens.</summary>
    public const string GroupsOverridden = "groups_overridden";

    /// <summary>Pre token generation with a lookup marker: no override (the settle trigger looks them up).</summary>
    public const string LookupPending = "lookup_pending";

    /// <summary>Memberships added (or skipped for good) and the marker deleted.</summary>
    public const string GroupsSettled = "groups_settled";

    /// <summary>A group the new pool lacks was skipped for good; the rest settled.</summary>
    public const string GroupMissing = "group_missing";

    /// <summary>An upstream call failed; the marker stays for the next sign-in.</summary>
    public const string MarkerPending = "marker_pending";

    /// <summary>The marker's tag did not verify: ignored.</summary>
    public const string MarkerRejected = "marker_rejected";

    /// <summary>No key or no map: the event unchanged.</summary>
    public const string NotConfigured = "groups_not_configured";

    /// <summary>The event's pool is not NEW_USER_POOL_ID: the event unchanged, no call.</summary>
    public const string WrongPool = "wrong_pool";

    /// <summary>Anything else went wrong (deadline, exception): the event unchanged.</summary>
    public const string Unavailable = "groups_unavailable";
}
