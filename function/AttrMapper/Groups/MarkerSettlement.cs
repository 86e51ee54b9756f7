using AttrMapper.Cognito;
using AttrMapper.Mapping;
using AttrMapper.Parameters;

namespace AttrMapper.Groups;

/// <summary>
/// The settle step of DESIGN.md §5, the one code path behind both the post-authentication / post-confirmation trigger
/// and <c>attrmapper groups settle</c>: verify a user's marker against the pool's sign-in name, resolve its groups (a
/// <c>lookup</c> marker reads the old pool's and maps them), add the memberships, then delete the marker.
/// </summary>
/// <remarks>
/// Nothing here is acted on without <see cref="Verify"/> first giving a payload: a group can be added only for a marker
/// whose tag this key made for this pool and this sign-in name. A group the new pool lacks is skipped for good; any
/// other failure surfaces as the call's <see cref="CognitoException"/> before the marker is deleted, so the marker stays.
/// </remarks>
public sealed class MarkerSettlement
{
    private readonly INewPool _newPool;
    private readonly IOldPool? _oldPool;

    internal MarkerSettlement(INewPool newPool, IOldPool? oldPool)
    {
        _newPool = newPool;
        _oldPool = oldPool;
    }

    /// <summary>
    /// For a second program (the CLI): the function's own new-pool client over <paramref name="transport"/>, and the old
    /// pool for <c>lookup</c> markers (null: a lookup marker cannot be settled and its settle throws).
    /// </summary>
    public static MarkerSettlement Create(CognitoTransport transport, Uri? cognitoEndpoint, TimeSpan attemptTimeout, OldPoolClient? oldPool) =>
        new(new NewPoolClient(transport, cognitoEndpoint, attemptTimeout), oldPool);

    /// <summary>Whether a lookup marker can be settled (an old pool was given).</summary>
    public bool CanLookUp => _oldPool is not null;

    /// <summary>How a pool signs its users in, from DescribeUserPool's <c>UsernameAttributes</c>.</summary>
    public static UsernameAttribute SignInKindOf(IReadOnlyCollection<string> usernameAttributes) =>
        (usernameAttributes.Contains("email"), usernameAttributes.Contains("phone_number")) switch
        {
            (true, true) => UsernameAttribute.EmailOrPhone,
            (true, false) => UsernameAttribute.Email,
            (false, true) => UsernameAttribute.PhoneNumber,
            _ => UsernameAttribute.Username,
        };

    /// <summary>
    /// The payload of <paramref name="marker"/> when its tag verifies under <paramref name="key"/> for this pool and the
    /// user's sign-in name (their <paramref name="userName"/>, or in an email/phone pool that attribute's value, read
    /// through <paramref name="attribute"/>); null for anything else, which must then never be acted on.
    /// </summary>
    public static MarkerPayload? Verify(
        FunctionKey key, string poolId, string userName, UsernameAttribute poolSignsInBy, Func<string, string?> attribute, string? marker)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = SignInName.Of(userName, poolSignsInBy, attribute);
        return name is null ? null : GroupsMarker.Verify(key.Derive(FunctionKey.GroupsMarkerPurpose), poolId, name, marker);
    }

    /// <summary>
    /// The new pool's groups a verified payload stands for: its own list, or for a lookup the old user's groups (paged,
    /// at most <see cref="OldGroups.MaxPages"/>) through <paramref name="map"/>. Reads only. Throws the old pool's error.
    /// </summary>
    /// <param name="beforeCall">Runs before each upstream call (count it, pace it).</param>
    public async Task<IReadOnlyList<string>> GroupsAsync(MarkerPayload payload, GroupMap map, Func<CancellationToken, ValueTask> beforeCall, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(map);
        if (payload.Groups is { } groups)
        {
            return groups;
        }

        if (_oldPool is null)
        {
            throw new InvalidOperationException("A lookup marker needs the old pool.");
        }

        var oldPool = _oldPool;
        var (all, complete) = await OldGroups.ReadAsync(async next =>
        {
            await beforeCall(ct).ConfigureAwait(false);
            return await oldPool.AdminListGroupsForUserAsync(payload.OldUsername!, next, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        // Settling part of the groups and deleting the marker would lose the rest for good.
        return complete ? map.Apply(all) : throw CognitoTransport.Malformed();
    }

    /// <summary>
    /// Adds <paramref name="userName"/> to each group on pool <paramref name="poolId"/> (a group the pool lacks is
    /// skipped for good), then deletes the marker attribute. Throws the first other failure, leaving the marker.
    /// </summary>
    public async Task<SettledMarker> ApplyAsync(
        string poolId, string userName, IReadOnlyList<string> groups, string markerAttribute, Func<CancellationToken, ValueTask> beforeCall, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var added = new List<string>();
        var missing = new List<string>();
        foreach (var group in groups)
        {
            try
            {
                await beforeCall(ct).ConfigureAwait(false);
                await _newPool.AdminAddUserToGroupAsync(poolId, userName, group, ct).ConfigureAwait(false);
                added.Add(group);
            }
            catch (CognitoException error) when (error.Code == "ResourceNotFoundException")
            {
                missing.Add(group);
            }
        }

        await DeleteMarkerAsync(poolId, userName, markerAttribute, beforeCall, ct).ConfigureAwait(false);
        return new SettledMarker(added, missing);
    }

    /// <summary>Verified payload to settled: <see cref="GroupsAsync"/> then <see cref="ApplyAsync"/>.</summary>
    public async Task<SettledMarker> SettleAsync(
        string poolId, string userName, MarkerPayload payload, GroupMap map, Func<CancellationToken, ValueTask> beforeCall, CancellationToken ct)
    {
        var groups = await GroupsAsync(payload, map, beforeCall, ct).ConfigureAwait(false);
        return await ApplyAsync(poolId, userName, groups, map.Marker, beforeCall, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes the marker attribute only (AdminDeleteUserAttributes); no membership is touched.</summary>
    public async Task DeleteMarkerAsync(string poolId, string userName, string markerAttribute, Func<CancellationToken, ValueTask> beforeCall, CancellationToken ct)
    {
        await beforeCall(ct).ConfigureAwait(false);
        await _newPool.AdminDeleteUserAttributesAsync(poolId, userName, markerAttribute, ct).ConfigureAwait(false);
    }
}

/// <summary>What a settle did: the groups added (already a member counts as added), and those the new pool lacks (skipped for good).</summary>
public sealed record SettledMarker(IReadOnlyList<string> Added, IReadOnlyList<string> Missing);
