using AttrMapper.Cognito;
using AttrMapper.Mapping;
using AttrMapper.Parameters;

namespace AttrMapper.Groups;

/// <summary>
/// The marker a migration answer carries (DESIGN.md §5): the mapped groups, or <c>lookup</c> when the group read
/// failed, under a tag bound to the new pool and the user's sign-in name there.
/// </summary>
internal sealed class MarkerWriter(IKeySource keys, PoolSignInKinds kinds)
{
    /// <summary>
    /// The marker; null when no group results, or when it cannot be bound: no key (the map source refuses a groups map
    /// without one, so only a key that vanished since), the pool's sign-in kind unreadable, or an email/phone pool
    /// and the answer emits no such attribute (the later triggers would have nothing to verify it against).
    /// </summary>
    /// <param name="oldGroups">The old user's groups; null when the read failed, was throttled or overflowed (lookup).</param>
    public async Task<string?> MarkerAsync(
        string poolId, string typedName, string oldUsername, IReadOnlyDictionary<string, string> emitted, GroupMap map,
        IReadOnlyList<string>? oldGroups, Action onCall, CancellationToken ct)
    {
        MarkerPayload payload;
        if (oldGroups is null)
        {
            payload = MarkerPayload.Lookup(oldUsername);
        }
        else if (map.Apply(oldGroups) is { Count: > 0 } groups)
        {
            payload = MarkerPayload.Of(groups);
        }
        else
        {
            return null;
        }

        if (await keys.GetAsync(ct).ConfigureAwait(false) is not { } key)
        {
            return null;
        }

        UsernameAttribute kind;
        try
        {
            kind = await kinds.GetAsync(poolId, onCall, ct).ConfigureAwait(false);
        }
        catch (CognitoException)
        {
            return null;
        }

        if (SignInName.Of(typedName, kind, name => emitted.TryGetValue(name, out var value) ? value : null) is not { } signInName)
        {
            return null;
        }

        return GroupsMarker.Encode(key.Derive(FunctionKey.GroupsMarkerPurpose), poolId, signInName, payload, oldUsername);
    }
}
