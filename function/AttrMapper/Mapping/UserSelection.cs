namespace AttrMapper.Mapping;

/// <summary>The map's compiled <c>select</c>: which old users this new pool takes (one pool per tenant).</summary>
/// <remarks>
/// <c>in</c> compares whole values, ordinal (case-sensitive). <c>suffix</c> compares the end of the value ignoring
/// the case of ASCII letters only: other characters must match exactly, so no culture or Unicode case folding can
/// make a value end in another tenant's suffix. A user without the attribute is not selected.
/// </remarks>
public sealed class UserSelection
{
    private readonly HashSet<string>? _exact;
    private readonly string[] _suffixes;

    private UserSelection(SelectDraft draft)
    {
        Attribute = draft.Attribute!;
        BySuffix = draft.HasSuffix;
        Values = [.. draft.Values!];
        _suffixes = BySuffix ? [.. Values] : [];
        _exact = BySuffix ? null : new HashSet<string>(Values, StringComparer.Ordinal);
    }

    /// <summary>The source attribute whose value decides (the CLI checks the old pool has it).</summary>
    public string Attribute { get; }

    /// <summary>True for <c>suffix</c>, false for <c>in</c>.</summary>
    public bool BySuffix { get; }

    /// <summary>The entries of <c>in</c> or <c>suffix</c>, in document order.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Whether this pool takes the user: the first occurrence of <see cref="Attribute"/> decides, as in Apply. Pure.</summary>
    public bool Selects(IReadOnlyList<KeyValuePair<string, string>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        for (var i = 0; i < source.Count; i++)
        {
            var (name, value) = source[i];
            if (name is not null && value is not null && string.Equals(name, Attribute, StringComparison.Ordinal))
            {
                return Matches(value);
            }
        }

        return false;
    }

    /// <summary>Whether one value of <see cref="Attribute"/> is selected.</summary>
    public bool Matches(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_exact is not null)
        {
            return _exact.Contains(value);
        }

        foreach (var suffix in _suffixes)
        {
            if (EndsWithAsciiIgnoreCase(value, suffix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Compiles a section that <see cref="MapValidator"/> found no problem in.</summary>
    internal static UserSelection FromValidDraft(SelectDraft draft) => new(draft);

    /// <summary>ASCII letters compare without case; every other character must be equal.</summary>
    internal static bool EqualsAsciiIgnoreCase(char a, char b) =>
        a == b || (char.IsAsciiLetter(a) && char.IsAsciiLetter(b) && (a | 0x20) == (b | 0x20));

    private static bool EndsWithAsciiIgnoreCase(string value, string suffix)
    {
        if (suffix.Length > value.Length)
        {
            return false;
        }

        var start = value.Length - suffix.Length;
        for (var i = 0; i < suffix.Length; i++)
        {
            if (!EqualsAsciiIgnoreCase(value[start + i], suffix[i]))
            {
                return false;
            }
        }

        return true;
    }
}
