using AttrMapper.Cognito;

namespace AttrMapper.Groups;

/// <summary>
/// An old user's groups read page by page (AdminListGroupsForUser), up to what a marker may carry. One loop and one cap
/// for every reader: the migration's marker, the settle of a <c>lookup</c>, the sweep's rows and the CLI's preview, so
/// what one calls complete the others do too.
/// </summary>
public static class OldGroups
{
    /// <summary>More pages than this (300 groups) and the read is incomplete: a marker would be a lookup that cannot settle.</summary>
    public const int MaxPages = 5;

    /// <summary>
    /// Reads pages through <paramref name="page"/> (given the previous page's token; the caller counts, paces or retries
    /// each call) until the last one or <see cref="MaxPages"/>. Throws what <paramref name="page"/> throws.
    /// </summary>
    /// <returns>The groups read, in Cognito's order, and whether they are all of them.</returns>
    public static async Task<(IReadOnlyList<string> Groups, bool Complete)> ReadAsync(Func<string?, Task<GroupsPage>> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var all = new List<string>();
        string? next = null;
        for (var read = 0; read < MaxPages; read++)
        {
            var answer = await page(next).ConfigureAwait(false);
            all.AddRange(answer.Groups);
            if ((next = answer.NextToken) is null)
            {
                return (all, true);
            }
        }

        return (all, false);
    }
}
