namespace AttrMapper.Mapping;

/// <summary>The four operations of a map rule.</summary>
public enum RuleOp
{
    Copy,
    Rename,
    Default,
    Drop,
}
