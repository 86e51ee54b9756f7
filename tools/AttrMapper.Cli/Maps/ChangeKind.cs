namespace AttrMapper.Cli.Maps;

/// <summary>How a rule or setting differs between the stored map and the local one.</summary>
internal enum ChangeKind
{
    Added,
    Removed,
    Changed,
}
