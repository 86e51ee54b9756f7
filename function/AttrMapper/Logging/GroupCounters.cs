namespace AttrMapper.Logging;

/// <summary>The group metrics of one invocation (DESIGN.md §7; the Terraform dashboard's names).</summary>
internal sealed class GroupCounters
{
    /// <summary>Migrations whose answer carried a marker.</summary>
    public int GroupsCarried { get; set; }

    /// <summary>Users settled and their marker deleted.</summary>
    public int GroupsSettled { get; set; }

    /// <summary>Settles that kept the marker after an upstream failure.</summary>
    public int MarkersPending { get; set; }

    /// <summary>Markers whose tag did not verify, any trigger.</summary>
    public int MarkersRejected { get; set; }

    /// <summary>Not a metric: this invocation's marker verified, so a settle cut short leaves it pending.</summary>
    public bool MarkerVerified { get; set; }

    /// <summary>Groups skipped because the new pool lacks them.</summary>
    public int GroupsMissing { get; set; }
}
