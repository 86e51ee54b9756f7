using AttrMapper.Cognito;
using AttrMapper.Mapping;
using AttrMapper.Parameters;

namespace AttrMapper.Groups;

/// <summary>
/// The marker a swept user's import row carries (DESIGN.md §10): the function's own <see cref="MarkerWriter"/> under the
/// function's key, for one new pool whose sign-in kind is known, so that the groups settle at the user's first sign-in
/// exactly as a lazily migrated user's do. The operator CLI's <c>sweep</c> is its caller; the function never is.
/// </summary>
/// <remarks>
/// The sign-in name is the import row's <c>cognito:username</c> (the old username), or in an email / phone pool the
/// emitted attribute's value (<see cref="SignInName"/>), as the later triggers will see it.
/// </remarks>
public sealed class ImportMarkers
{
    private readonly MarkerWriter _writer;
    private readonly FixedKey _key;
    private readonly string _newPoolId;
    private readonly PoolSignInKinds _kinds;

    private ImportMarkers(FunctionKey key, string newPoolId, IReadOnlyList<string> usernameAttributes)
    {
        _key = new FixedKey(key);
        _newPoolId = newPoolId;
        var known = new KnownPool(usernameAttributes);
        _kinds = new PoolSignInKinds(known);
        _writer = new MarkerWriter(_key, _kinds);
    }

    /// <summary>
    /// Markers for <paramref name="newPoolId"/> under the key in <paramref name="keyParameterValue"/> (KEY_PARAMETER's value);
    /// null when the value is not a key (never shown). <paramref name="usernameAttributes"/> is the new pool's DescribeUserPool answer.
    /// </summary>
    public static ImportMarkers? Create(string keyParameterValue, long version, string newPoolId, IReadOnlyList<string> usernameAttributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(newPoolId);
        return FunctionKey.TryParse(keyParameterValue, version) is { } key ? new ImportMarkers(key, newPoolId, usernameAttributes) : null;
    }

    /// <summary>
    /// The marker for an old user about to be imported under <paramref name="oldUsername"/> with the attributes
    /// <paramref name="emitted"/> (the map's answer); null when no group results or the name cannot be bound (see
    /// <see cref="MarkerWriter.MarkerAsync"/>). <paramref name="oldGroups"/> null means the read overflowed: lookup.
    /// </summary>
    public Task<string?> MarkerAsync(
        string oldUsername, IReadOnlyDictionary<string, string> emitted, GroupMap map, IReadOnlyList<string>? oldGroups, CancellationToken ct) =>
        _writer.MarkerAsync(_newPoolId, oldUsername, oldUsername, emitted, map, oldGroups, static () => { }, ct);

    /// <summary>
    /// The groups a marker grants in the new pool, verified exactly as the function's <c>MarkerReader</c> verifies it
    /// (pool, sign-in name from <paramref name="userName"/> and <paramref name="attributes"/>, tag); null when it does not
    /// verify. A <c>lookup</c> marker gives an empty list. For checks and tests; the sweep itself never needs it.
    /// </summary>
    public async Task<IReadOnlyList<string>?> VerifiedGroupsAsync(
        string poolId, string userName, IReadOnlyDictionary<string, string> attributes, string? marker, CancellationToken ct)
    {
        var kind = await _kinds.GetAsync(_newPoolId, static () => { }, ct).ConfigureAwait(false);
        var payload = MarkerSettlement.Verify(_key.Key, poolId, userName, kind, n => attributes.TryGetValue(n, out var v) && v.Length > 0 ? v : null, marker);
        return payload is null ? null : payload.Groups ?? [];
    }

    private sealed class FixedKey(FunctionKey key) : IKeySource
    {
        public FunctionKey Key => key;

        public FunctionKey? Peek() => key;

        public ValueTask<FunctionKey?> GetAsync(CancellationToken ct) => ValueTask.FromResult<FunctionKey?>(key);
    }

    /// <summary>The new pool as far as the marker needs it: its UsernameAttributes, already read by the caller.</summary>
    private sealed class KnownPool(IReadOnlyList<string> usernameAttributes) : INewPool
    {
        public Task<IReadOnlyList<string>> UsernameAttributesAsync(string userPoolId, CancellationToken ct) => Task.FromResult(usernameAttributes);

        public Task AdminAddUserToGroupAsync(string userPoolId, string username, string groupName, CancellationToken ct) =>
            throw new NotSupportedException("a marker never adds to a group");

        public Task AdminDeleteUserAttributesAsync(string userPoolId, string username, string attributeName, CancellationToken ct) =>
            throw new NotSupportedException("a marker never deletes an attribute");
    }
}
