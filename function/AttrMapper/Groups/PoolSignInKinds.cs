using System.Collections.Concurrent;
using AttrMapper.Cognito;

namespace AttrMapper.Groups;

/// <summary>
/// How each new pool signs its users in (DescribeUserPool <c>UsernameAttributes</c>), read at most once per container
/// and pool: a successful answer is kept for the container's life; a failed one is asked again next time.
/// </summary>
internal sealed class PoolSignInKinds(INewPool pool)
{
    private readonly ConcurrentDictionary<string, UsernameAttribute> known = new(StringComparer.Ordinal);

    /// <summary>The kind when already known, without a call.</summary>
    public UsernameAttribute? Peek(string userPoolId) => known.TryGetValue(userPoolId, out var kind) ? kind : null;

    /// <summary>The kind; <paramref name="onCall"/> runs when an upstream call is made. Throws the call's error.</summary>
    public async Task<UsernameAttribute> GetAsync(string userPoolId, Action onCall, CancellationToken ct)
    {
        if (known.TryGetValue(userPoolId, out var kind))
        {
            return kind;
        }

        onCall();
        var attributes = await pool.UsernameAttributesAsync(userPoolId, ct).ConfigureAwait(false);
        kind = MarkerSettlement.SignInKindOf(attributes);
        known[userPoolId] = kind;
        return kind;
    }
}
