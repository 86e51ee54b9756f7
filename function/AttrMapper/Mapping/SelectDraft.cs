namespace AttrMapper.Mapping;

/// <summary>The <c>select</c> section as read, before semantic validation. Only the reader writes it.</summary>
internal sealed class SelectDraft
{
    /// <summary>The attribute to test; null when missing or not a string (the reader has reported it).</summary>
    public string? Attribute { get; set; }

    /// <summary><c>in</c> was given (even of the wrong shape).</summary>
    public bool HasIn { get; set; }

    /// <summary><c>suffix</c> was given (even of the wrong shape).</summary>
    public bool HasSuffix { get; set; }

    /// <summary>The entries of <c>in</c> or <c>suffix</c>; null when neither was an array of strings.</summary>
    public List<string>? Values { get; set; }

    /// <summary>"in" or "suffix": which field <see cref="Values"/> came from, for paths.</summary>
    public string ValuesField { get; set; } = "in";
}
