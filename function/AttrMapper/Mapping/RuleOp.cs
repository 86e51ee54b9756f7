namespace AttrMapper.Mapping;

/// <summary>The four operations of a map rule.</summary>
internal enum RuleOp
{
    Copy,
    Rename,
    Default,
    Drop,
}
