using System.Text.Json.Nodes;
using AttrMapper.LocalPeers.CognitoLocal;

namespace AttrMapper.Demo.Stack;

/// <summary>
/// A new pool as the demo looks at it: an app's sign-in with the pool's client, and an administrator's AdminGetUser and
/// ListUsers, all through the pool's fidelity proxy.
/// </summary>
internal sealed class NewPoolApp(HttpClient http, Uri endpoint, string userPoolId, string clientId)
{
    /// <summary>InitiateAuth, USER_PASSWORD_AUTH, keeping the tokens it issued (never printed).</summary>
    public async Task<NewPoolSession> SignInAsync(string username, string password, CancellationToken ct)
    {
        var answer = await CognitoApiCall.SendAsync(http, endpoint, "InitiateAuth", new JsonObject
        {
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["ClientId"] = clientId,
            ["AuthParameters"] = new JsonObject { ["USERNAME"] = username, ["PASSWORD"] = password },
        }, ct).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            return new NewPoolSession(new SignInResult(false, null, answer.ErrorType), null, null);
        }

        var tokens = answer.Body?["AuthenticationResult"];
        var idToken = tokens?["IdToken"]?.GetValue<string>();
        var accessToken = tokens?["AccessToken"]?.GetValue<string>();
        var challenge = answer.Body?["ChallengeName"] is JsonValue c && c.TryGetValue<string>(out var name) ? name : null;
        return new NewPoolSession(new SignInResult(accessToken is not null, challenge, null), idToken, accessToken);
    }

    /// <summary>AdminGetUser; null when the pool has no such user.</summary>
    public async Task<NewPoolUser?> GetUserAsync(string username, CancellationToken ct)
    {
        var answer = await CognitoApiCall.SendAsync(http, endpoint, "AdminGetUser",
            new JsonObject { ["UserPoolId"] = userPoolId, ["Username"] = username }, ct).ConfigureAwait(false);
        if (answer.ErrorType == "UserNotFoundException")
        {
            return null;
        }

        var body = answer.Ok("AdminGetUser");
        return User(body, body["UserAttributes"]);
    }

    /// <summary>ListUsers, every page: who the pool holds, in its order.</summary>
    public async Task<IReadOnlyList<NewPoolUser>> ListUsersAsync(CancellationToken ct)
    {
        var users = new List<NewPoolUser>();
        string? token = null;
        for (var page = 0; page < 1000; page++)
        {
            var request = new JsonObject { ["UserPoolId"] = userPoolId, ["Limit"] = 60 };
            if (token is not null)
            {
                request["PaginationToken"] = token;
            }

            var body = (await CognitoApiCall.SendAsync(http, endpoint, "ListUsers", request, ct).ConfigureAwait(false)).Ok("ListUsers");
            users.AddRange((body["Users"] as JsonArray ?? []).OfType<JsonObject>().Select(user => User(user, user["Attributes"])));
            token = body["PaginationToken"] is JsonValue next && next.TryGetValue<string>(out var t) && t.Length > 0 ? t : null;
            if (token is null)
            {
                return users;
            }
        }

        throw new InvalidOperationException("ListUsers did not end");
    }

    private static NewPoolUser User(JsonNode user, JsonNode? attributes) => new(
        user["Username"]!.GetValue<string>(),
        user["UserStatus"]?.GetValue<string>() ?? "UNKNOWN",
        user["Enabled"]?.GetValue<bool>() ?? false,
        (attributes as JsonArray ?? [])
            .Where(a => a?["Name"] is not null)
            .ToDictionary(a => a!["Name"]!.GetValue<string>(), a => a!["Value"]?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal));
}
