namespace AttrMapper.Mapping;

/// <summary>The four operations of a <c>groups</c> rule.</summary>
internal enum GroupOp
{
    Copy,
    Rename,
    Drop,
    Add,
}
