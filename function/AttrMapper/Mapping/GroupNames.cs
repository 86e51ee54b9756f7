namespace AttrMapper.Mapping;

/// <summary>What a group name may be (section 4, <c>groups</c>). Names are case-sensitive (ordinal), as in Cognito.</summary>
internal static class GroupNames
{
    public const int MaxLength = 128;

    /// <summary>1–128 UTF-16 characters, none of them a control character.</summary>
    /// <remarks>
    /// Cognito itself is stricter (letters, marks, symbols, numbers, punctuation: no spaces); section 4 asks only for
    /// this, and a name Cognito would refuse is caught by <c>map validate --pool</c> (ListGroups) instead.
    /// </remarks>
    public static bool IsValid(string? name)
    {
        if (name is null || name.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
