using System.Text.Json;
using AttrMapper.Configuration;
using AttrMapper.Mapping;
using AttrMapper.Parameters;
using AttrMapper.Triggers;

namespace AttrMapper.Groups;

/// <summary>
/// What the group triggers share: the pool check, the key and map, the marker attribute out of
/// <c>request.userAttributes</c>, and its verification against the pool's sign-in name.
/// </summary>
internal sealed class MarkerReader(FunctionOptions options, IKeySource? keys, IMapSource maps, PoolSignInKinds kinds)
{
    /// <summary>The outcome of reading an event's marker: a reason when there is nothing to act on, else the payload.</summary>
    internal sealed record Read(string? Reason, MarkerPayload? Payload, GroupMap? Map, string? Marker);

    public async Task<Read> ReadAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct)
    {
        if (trigger.UserPoolId is not { Length: > 0 } poolId
            || (options.NewUserPoolId is { } expected && !string.Equals(poolId, expected, StringComparison.Ordinal)))
        {
            return new Read(GroupReasons.WrongPool, null, null, null);
        }

        if (keys is null || await maps.GetAsync(ct).ConfigureAwait(false) is not { Map.Groups: { } map } loaded)
        {
            return new Read(GroupReasons.NotConfigured, null, null, null);
        }

        scope.MapVersion = loaded.ParameterVersion;
        var attributes = UserAttributes(trigger);
        if (Attribute(attributes, map.Marker) is not { } marker)
        {
            return new Read(GroupReasons.NoMarker, null, map, null);
        }

        if (await keys.GetAsync(ct).ConfigureAwait(false) is not { } key)
        {
            return new Read(GroupReasons.NotConfigured, null, map, marker);
        }

        var kind = await kinds.GetAsync(poolId, scope.CountCall, ct).ConfigureAwait(false);
        var payload = MarkerSettlement.Verify(key, poolId, trigger.UserName, kind, n => Attribute(attributes, n), marker);
        if (payload is null)
        {
            scope.Groups.MarkersRejected = 1;
            return new Read(GroupReasons.MarkerRejected, null, map, marker);
        }

        scope.Groups.MarkerVerified = true;
        return new Read(null, payload, map, marker);
    }

    private static JsonElement? UserAttributes(TriggerEvent trigger) =>
        trigger.Document.RootElement.TryGetProperty("request", out var request) && request.ValueKind == JsonValueKind.Object
        && request.TryGetProperty("userAttributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
            ? attributes
            : null;

    private static string? Attribute(JsonElement? attributes, string name) =>
        attributes is { } a && a.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
            ? s
            : null;
}
