namespace AttrMapper.Mapping;

/// <summary>What happens to source attributes that no rule names.</summary>
public enum UnmappedPolicy
{
    /// <summary>Allow-list: only what the rules produce is emitted.</summary>
    Drop,

    /// <summary>Every unnamed source attribute is also emitted as it is (except the never-emitted names).</summary>
    Copy,
}
