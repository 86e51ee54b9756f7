namespace AttrMapper.Triggers;

/// <summary>
/// One registration of the dispatch: <see cref="Pattern"/> is a trigger source (<c>UserMigration_Authentication</c>) or a
/// family ending in <c>*</c> (<c>TokenGeneration_*</c>). The pattern is also what the log's bounded TriggerSource says.
/// </summary>
internal sealed record TriggerRoute(string Pattern, ITriggerHandler Handler)
{
    public bool Matches(string triggerSource) => Pattern.EndsWith('*')
        ? triggerSource.StartsWith(Pattern.AsSpan(0, Pattern.Length - 1), StringComparison.Ordinal)
        : string.Equals(triggerSource, Pattern, StringComparison.Ordinal);
}
