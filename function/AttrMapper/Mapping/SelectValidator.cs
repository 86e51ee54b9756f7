namespace AttrMapper.Mapping;

/// <summary>The semantic checks of the <c>select</c> section: the attribute, one list, its size and entries.</summary>
/// <remarks>
/// Decisions where section 4 is silent:
/// <list type="bullet">
/// <item><c>attribute</c> may be any name a rule may read (<see cref="AttributeNames.IsValidSource"/>: a standard
/// attribute, <c>custom:*</c>, <c>dev:custom:*</c>, or <c>sub</c>); not <c>identities</c>, <c>username</c> or
/// <c>cognito:*</c>, which AdminGetUser does not give as plain values. With <c>attributeSource: IdToken</c> the
/// source rules narrow it further.</item>
/// <item>A repeated entry is a problem (like a repeated delivery medium); for <c>suffix</c> "repeated" ignores ASCII
/// case, as the match does. Entries are never quoted: they may be tenant names or addresses.</item>
/// </list>
/// </remarks>
internal static class SelectValidator
{
    public const int MaxEntries = 100;
    private const string Path = "$.select";

    public static void Check(SelectDraft select, List<MapProblem> problems)
    {
        if (select.Attribute is { } attribute && !AttributeNames.IsValidSource(attribute))
        {
            problems.Add(new(
                JsonPath.Property(Path, "attribute"),
                $"{NameText.Quote(attribute)} is not an attribute a map may read",
                "a standard attribute, custom:*, or sub, e.g. custom:tenant or email"));
        }

        if (select.HasIn && select.HasSuffix)
        {
            problems.Add(new(Path, "has both in and suffix", "keep one: in matches whole values, suffix the end of the value"));
            return;
        }

        if (!select.HasIn && !select.HasSuffix)
        {
            problems.Add(new(Path, "needs in or suffix", "\"in\": [\"acme\"] matches whole values, \"suffix\": [\"@acme.com\"] the end"));
            return;
        }

        if (select.Values is { } values)
        {
            CheckValues(values, JsonPath.Property(Path, select.ValuesField), select.HasSuffix, problems);
        }
    }

    private static void CheckValues(List<string> values, string path, bool bySuffix, List<MapProblem> problems)
    {
        if (values.Count is 0 or > MaxEntries)
        {
            problems.Add(new(
                path,
                values.Count == 0 ? "must not be empty" : $"has {values.Count} entries, more than {MaxEntries}",
                $"list 1-{MaxEntries} values; a user whose value is not listed is not migrated by this pool"));
        }

        IEqualityComparer<string> comparer = bySuffix ? AsciiIgnoreCaseComparer.Instance : StringComparer.Ordinal;
        var first = new Dictionary<string, int>(comparer);
        for (var i = 0; i < values.Count; i++)
        {
            var itemPath = JsonPath.Index(path, i);
            var value = values[i];
            if (value.Length == 0)
            {
                problems.Add(new(itemPath, "is empty", bySuffix ? "an empty suffix would take every user" : "write the value to match"));
            }
            else if (value.Length > AttributeNames.MaxValueLength)
            {
                problems.Add(new(itemPath, $"is longer than {AttributeNames.MaxValueLength} characters", "no attribute value is longer, so it never matches"));
            }
            else if (!first.TryAdd(value, i))
            {
                problems.Add(new(itemPath, $"repeats {JsonPath.Index(path, first[value])}", bySuffix ? "suffixes match without ASCII case: delete one" : "delete one of them"));
            }
        }
    }

    /// <summary>Equality as the suffix match sees it: ASCII letters without case, everything else exact.</summary>
    private sealed class AsciiIgnoreCaseComparer : IEqualityComparer<string>
    {
        public static readonly AsciiIgnoreCaseComparer Instance = new();

        public bool Equals(string? x, string? y)
        {
            if (x is null || y is null || x.Length != y.Length)
            {
                return x is null && y is null;
            }

            for (var i = 0; i < x.Length; i++)
            {
                if (!UserSelection.EqualsAsciiIgnoreCase(x[i], y[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(string obj)
        {
            var hash = default(HashCode);
            foreach (var c in obj)
            {
                hash.Add(char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c);
            }

            return hash.ToHashCode();
        }
    }
}
