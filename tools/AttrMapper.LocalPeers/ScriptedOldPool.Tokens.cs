using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AttrMapper.LocalPeers;

/// <summary>
/// The sign-in answer's tokens, shaped as Cognito's (an ID token whose claims are the user's readable attributes, typed as
/// Cognito writes them), the user's own attribute write with its access token, and the app clients' descriptions.
/// </summary>
public sealed partial class ScriptedOldPool
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (PoolState Pool, FakeAppClient Client, string Username, DateTimeOffset Expires)> _accessTokens = new(StringComparer.Ordinal);

    private readonly ConcurrentQueue<string> _issuedIdTokens = new();

    /// <summary>Every ID token a sign-in was answered with, in order (so a test can look for it, or its parts, in a log).</summary>
    public IReadOnlyList<string> IssuedIdTokens => [.. _issuedIdTokens];

    /// <summary>Decodes a JWT's payload (no signature check, as the function reads it: DESIGN §4).</summary>
    public static JsonObject DecodeTokenPayload(string jwt) => IdTokenClaims.Payload(jwt);

    private static string Jwt(JsonObject header, JsonObject payload) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()))
        + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))
        + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(256));

    private static string Region(string poolId) => poolId.Split('_')[0];

    private string Tokens(PoolState pool, FakeAppClient client, FakeUser user)
    {
        var now = _time.GetUtcNow();
        var seconds = now.ToUnixTimeSeconds();
        var originJti = Guid.NewGuid().ToString();
        var eventId = Guid.NewGuid().ToString();
        var issuer = $"https://cognito-idp.{Region(pool.Id)}.amazonaws.com/{pool.Id}";
        var groups = pool.GroupsOf(user.Username);
        var sub = user.Attributes.FirstOrDefault(a => a.Key == "sub").Value;

        var id = new JsonObject();
        if (sub is not null)
        {
            id["sub"] = sub;
        }

        if (groups.Count > 0)
        {
            id["cognito:groups"] = new JsonArray([.. groups.Select(g => (JsonNode)g)]);
        }

        foreach (var (name, value) in user.Attributes)
        {
            if (name == "sub" || (client.ReadAttributes is { } readable && !readable.Contains(name)))
            {
                continue;
            }

            id[name] = IdTokenClaims.Claim(name, value);
        }

        id["iss"] = issuer;
        id["cognito:username"] = user.Username;
        id["origin_jti"] = originJti;
        id["aud"] = client.ClientId;
        id["event_id"] = eventId;
        id["token_use"] = "id";
        id["auth_time"] = seconds;
        id["exp"] = seconds + (long)TokenLifetime.TotalSeconds;
        id["iat"] = seconds;
        id["jti"] = Guid.NewGuid().ToString();

        var accessJti = Guid.NewGuid().ToString();
        var access = new JsonObject();
        if (sub is not null)
        {
            access["sub"] = sub;
        }

        if (groups.Count > 0)
        {
            access["cognito:groups"] = new JsonArray([.. groups.Select(g => (JsonNode)g)]);
        }

        access["iss"] = issuer;
        access["client_id"] = client.ClientId;
        access["origin_jti"] = originJti;
        access["event_id"] = eventId;
        access["token_use"] = "access";
        access["scope"] = "aws.cognito.signin.user.admin";
        access["auth_time"] = seconds;
        access["exp"] = seconds + (long)TokenLifetime.TotalSeconds;
        access["iat"] = seconds;
        access["jti"] = accessJti;
        access["username"] = user.Username;
        _accessTokens[accessJti] = (pool, client, user.Username, now + TokenLifetime);
        var idToken = Jwt(new JsonObject { ["kid"] = "scripted-id-key", ["alg"] = "RS256" }, id);
        _issuedIdTokens.Enqueue(idToken);

        return new JsonObject
        {
            ["AuthenticationResult"] = new JsonObject
            {
                ["AccessToken"] = Jwt(new JsonObject { ["kid"] = "scripted-access-key", ["alg"] = "RS256" }, access),
                ["ExpiresIn"] = (int)TokenLifetime.TotalSeconds,
                ["IdToken"] = idToken,
                ["RefreshToken"] = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.scripted-refresh",
                ["TokenType"] = "Bearer",
            },
            ["ChallengeParameters"] = new JsonObject(),
        }.ToJsonString();
    }

    /// <summary>A user's own write through their access token: no SigV4, only the attributes the app client may write.</summary>
    private (int, string) UpdateUserAttributes(JsonObject body)
    {
        var token = Str(body, "AccessToken");
        if (string.IsNullOrEmpty(token))
        {
            return (400, AwsJson.Error("InvalidParameterException", "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must not be null"));
        }

        string? jti;
        try
        {
            jti = Str(DecodeTokenPayload(token), "jti");
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            jti = null;
        }

        if (jti is null || !_accessTokens.TryGetValue(jti, out var issued))
        {
            return (400, AwsJson.Error("NotAuthorizedException", "Invalid Access Token"));
        }

        if (_time.GetUtcNow() >= issued.Expires)
        {
            return (400, AwsJson.Error("NotAuthorizedException", "Access Token has expired"));
        }

        if (ReadAttributeList(body) is not { } updates)
        {
            return (400, AwsJson.Error("InvalidParameterException", "1 validation error detected: Value at 'userAttributes' failed to satisfy constraint: Member must not be null"));
        }

        if (CheckWritable(issued.Pool, updates, issued.Client) is { } refused)
        {
            return refused;
        }

        var pool = issued.Pool;
        lock (pool.Gate)
        {
            if (!pool.Users.TryGetValue(issued.Username, out var user))
            {
                return UserNotFound();
            }

            pool.Users[issued.Username] = user.WithAttributes(Merge(user.Attributes, updates));
        }

        return (200, new JsonObject { ["CodeDeliveryDetailsList"] = new JsonArray() }.ToJsonString());
    }

    private static (int, string) DescribeUserPoolClient(JsonObject body, PoolState pool)
    {
        var clientId = Str(body, "ClientId");
        FakeAppClient? client;
        lock (pool.Gate)
        {
            client = pool.Clients.FirstOrDefault(c => c.ClientId == clientId);
        }

        if (client is null)
        {
            return (400, AwsJson.Error("ResourceNotFoundException", $"User pool client {clientId} does not exist."));
        }

        var o = new JsonObject
        {
            ["ClientId"] = client.ClientId,
            ["ClientName"] = client.ClientName,
            ["UserPoolId"] = pool.Id,
            ["ExplicitAuthFlows"] = new JsonArray("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
            ["CreationDate"] = 1.7e9,
            ["LastModifiedDate"] = 1.7e9,
        };
        if (client.ReadAttributes is { } read)
        {
            o["ReadAttributes"] = new JsonArray([.. read.Select(a => (JsonNode)a)]);
        }

        if (client.WriteAttributes is { } write)
        {
            o["WriteAttributes"] = new JsonArray([.. write.Select(a => (JsonNode)a)]);
        }

        return (200, new JsonObject { ["UserPoolClient"] = o }.ToJsonString());
    }

    private static (int, string) ListUserPoolClients(JsonObject body, PoolState pool)
    {
        var (offset, limit, error) = Paging(body, "MaxResults", "maxResults", "NextToken", 60);
        if (error is { } e)
        {
            return e;
        }

        List<JsonObject> clients;
        lock (pool.Gate)
        {
            clients = [.. pool.Clients.Select(c => new JsonObject { ["ClientId"] = c.ClientId, ["ClientName"] = c.ClientName, ["UserPoolId"] = pool.Id })];
        }

        return Page("UserPoolClients", clients, offset, limit, "NextToken");
    }
}
