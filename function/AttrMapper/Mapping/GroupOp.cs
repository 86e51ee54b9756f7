namespace AttrMapper.Mapping;

/// <summary>The four operations of a <c>groups</c> rule.</summary>
public enum GroupOp
{
    Copy,
    Rename,
    Drop,
    Add,
}
