using System.Text.Json.Nodes;
using AttrMapper.LocalPeers.CognitoLocal;

namespace AttrMapper.Demo.Stack;

/// <summary>Group membership on the local stack: the groups of both pools, memberships, and a user's own attribute write.</summary>
public sealed partial class LocalMigrationStack
{
    /// <summary>The map's marker attribute (<c>groups.marker</c>), or null when the map moves no groups.</summary>
    public string? MarkerAttribute => JsonNode.Parse(Options.InitialMap)?["groups"]?["marker"]?.GetValue<string>();

    /// <summary>CreateGroup in the old pool.</summary>
    public Task CreateOldGroupsAsync(IEnumerable<string> groups, CancellationToken ct = default) => CreateGroupsAsync(OldPool, OldUserPoolId, groups, ct);

    /// <summary>CreateGroup in the new pool (the operator creates the target groups before the migration starts).</summary>
    public Task CreateNewGroupsAsync(IEnumerable<string> groups, CancellationToken ct = default) => CreateGroupsAsync(NewPool, NewUserPoolId, groups, ct);

    /// <summary>AdminAddUserToGroup in the old pool.</summary>
    public async Task AddOldUserToGroupAsync(string username, string group, CancellationToken ct = default) =>
        (await OldPool.CallAsync("AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = OldUserPoolId, ["Username"] = username, ["GroupName"] = group }, ct)
            .ConfigureAwait(false)).Ok("AdminAddUserToGroup");

    /// <summary>The groups the NEW pool holds for the user (AdminListGroupsForUser, every page), in its order.</summary>
    public async Task<IReadOnlyList<string>> NewPoolGroupsAsync(string username, CancellationToken ct = default)
    {
        var groups = new List<string>();
        string? next = null;
        do
        {
            var body = new JsonObject { ["UserPoolId"] = NewUserPoolId, ["Username"] = username, ["Limit"] = 60 };
            if (next is not null)
            {
                body["NextToken"] = next;
            }

            var page = (await CognitoApiCall.SendAsync(_http, NewPoolApi.Endpoint, "AdminListGroupsForUser", body, ct).ConfigureAwait(false)).Ok("AdminListGroupsForUser");
            groups.AddRange((page["Groups"] as JsonArray ?? []).Select(g => g?["GroupName"]?.GetValue<string>()).OfType<string>());
            next = page["NextToken"]?.GetValue<string>();
        }
        while (next is not null);

        return groups;
    }

    /// <summary>Signs in to the NEW pool as <see cref="SignInAsync"/> does and keeps the session's tokens.</summary>
    public Task<NewPoolSession> SignInForSessionAsync(string username, string password, CancellationToken ct = default) =>
        NewPoolAsApp.SignInAsync(username, password, ct);

    /// <summary>
    /// The user's own UpdateUserAttributes with their access token (no SigV4: what any app user can send). Returns the error
    /// code, or null when the pool accepted the write.
    /// </summary>
    public async Task<string?> UpdateOwnAttributeAsync(string accessToken, string name, string value, CancellationToken ct = default)
    {
        var answer = await CognitoApiCall.SendAsync(_http, NewPoolApi.Endpoint, "UpdateUserAttributes", new JsonObject
        {
            ["AccessToken"] = accessToken,
            ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = name, ["Value"] = value }),
        }, ct).ConfigureAwait(false);
        return answer.IsSuccess ? null : answer.ErrorType ?? $"HTTP {answer.Status}";
    }

    private static async Task CreateGroupsAsync(CognitoLocalProcess pool, string poolId, IEnumerable<string> groups, CancellationToken ct)
    {
        foreach (var group in groups)
        {
            (await pool.CallAsync("CreateGroup", new JsonObject { ["UserPoolId"] = poolId, ["GroupName"] = group }, ct).ConfigureAwait(false)).Ok("CreateGroup");
        }
    }

    /// <summary>
    /// The new pool as the Terraform example sets it up for groups: pre token generation and post authentication call the
    /// function (cognito-local's TriggerFunctions, set at its start), the trigger proxy fills <c>groupConfiguration</c> from
    /// the new pool's memberships, and the marker is a mutable String custom attribute of its schema.
    /// </summary>
    private async Task SetUpGroupTriggersAsync(CancellationToken ct)
    {
        Trigger.CognitoEndpoint = NewPool.Endpoint;
        // The new pool is seeded with NewPoolCustomAttributes (the marker among them, for the sweep's GetCSVHeader); add
        // the marker only to a pool seeded without it, as Cognito refuses a custom attribute twice.
        if (MarkerAttribute is { } marker && marker.StartsWith("custom:", StringComparison.Ordinal) && !NewPoolCustomAttributes.Contains(marker))
        {
            (await NewPool.CallAsync("AddCustomAttributes", new JsonObject
            {
                ["UserPoolId"] = NewUserPoolId,
                ["CustomAttributes"] = new JsonArray(new JsonObject { ["Name"] = marker["custom:".Length..], ["AttributeDataType"] = "String", ["Mutable"] = true }),
            }, ct).ConfigureAwait(false)).Ok("AddCustomAttributes");
        }
    }
}
