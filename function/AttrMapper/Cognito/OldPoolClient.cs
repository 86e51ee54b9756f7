using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AttrMapper.Aws;
using AttrMapper.Mapping;
using AttrMapper.Parameters;

namespace AttrMapper.Cognito;

/// <summary>The old user pool's operations (AdminInitiateAuth, AdminGetUser, ListUsers) over <see cref="CognitoTransport"/>. One attempt per call.</summary>
public sealed class OldPoolClient : IOldPool
{
    public const string Service = CognitoTransport.Service;
    public const string ContentType = CognitoTransport.ContentType;

    private readonly OldPoolOptions _options;
    private readonly ISecretSource? _clientSecret;
    private readonly CognitoTransport _transport;
    private readonly CognitoEndpoint _endpoint;

    /// <param name="http">Shared, long-lived; its own Timeout should be longer than <see cref="OldPoolOptions.AttemptTimeout"/>.</param>
    /// <param name="options">Pool, client, endpoint, region, per-attempt timeout.</param>
    /// <param name="credentials">Signing credentials (default chain, or an assumed role).</param>
    /// <param name="time">The clock for signing and timeouts (only the composition root picks the system one).</param>
    /// <param name="clientSecret">The app client's secret when it has one: every sign-in then carries SECRET_HASH.</param>
    public OldPoolClient(HttpClient http, OldPoolOptions options, ICredentialProvider credentials, TimeProvider time, ISecretSource? clientSecret = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AttemptTimeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _clientSecret = clientSecret;
        _transport = new CognitoTransport(http, credentials, time);
        _endpoint = new CognitoEndpoint(options.Endpoint, options.Region, options.AttemptTimeout);
    }

    public OldPoolOptions Options => _options;

    public async Task<AuthResult> AdminInitiateAuthAsync(string username, string password, CancellationToken ct)
    {
        // The handler rejects these before calling; an empty one must never reach the old pool's lockout counter.
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        var parameters = new Dictionary<string, string>(3, StringComparer.Ordinal)
        {
            ["USERNAME"] = username,
            ["PASSWORD"] = password,
        };
        if (_clientSecret is not null)
        {
            var secret = await _clientSecret.GetAsync(ct).ConfigureAwait(false)
                ?? throw new CognitoException(CognitoErrorKind.Configuration, string.Empty, 0, surelyUnprocessed: true);
            parameters["SECRET_HASH"] = SecretHash.Compute(username, _options.ClientId, secret);
        }

        var request = new AdminInitiateAuthRequest
        {
            UserPoolId = _options.UserPoolId,
            ClientId = _options.ClientId,
            AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters = parameters,
        };
        var response = await CallAsync("AdminInitiateAuth", request, CognitoJsonContext.Default.AdminInitiateAuthRequest,
            CognitoJsonContext.Default.AdminInitiateAuthResponse, ct).ConfigureAwait(false);

        if (response.AuthenticationResult is { } tokens)
        {
            // Fail closed: a success must look like one. The access and refresh tokens are never read; the ID token's
            // payload is decoded once, here, into claims (null when missing or malformed: the handler decides what that
            // costs), and the token string goes out of scope with this answer.
            if (tokens.ValueKind != JsonValueKind.Object
                || !tokens.TryGetProperty("AccessToken", out var access) || access.ValueKind != JsonValueKind.String)
            {
                throw Malformed();
            }

            var claims = tokens.TryGetProperty("IdToken", out var idToken) && idToken.ValueKind == JsonValueKind.String
                ? IdTokenClaims.FromIdToken(idToken.GetString())
                : null;
            return new AuthResult(Authenticated: true, ChallengeName: null, claims);
        }

        if (!string.IsNullOrEmpty(response.ChallengeName))
        {
            return new AuthResult(Authenticated: false, response.ChallengeName);
        }

        throw Malformed();
    }

    public async Task<OldUser> AdminGetUserAsync(string username, CancellationToken ct)
    {
        var request = new AdminGetUserRequest { UserPoolId = _options.UserPoolId, Username = username };
        var response = await CallAsync("AdminGetUser", request, CognitoJsonContext.Default.AdminGetUserRequest,
            CognitoJsonContext.Default.AdminGetUserResponse, ct).ConfigureAwait(false);
        return ToUser(response.Username, response.Enabled, response.UserStatus, response.UserAttributes);
    }

    public async Task<IReadOnlyList<OldUser>> ListUsersAsync(string attributeName, string value, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 60);
        var request = new ListUsersRequest
        {
            UserPoolId = _options.UserPoolId,
            Filter = UserFilter.Equal(attributeName, value),
            Limit = limit,
        };
        return await ListAsync(request, ct).ConfigureAwait(false);
    }

    public async Task<GroupsPage> AdminListGroupsForUserAsync(string username, string? nextToken, CancellationToken ct)
    {
        var request = new AdminListGroupsForUserRequest
        {
            UserPoolId = _options.UserPoolId, Username = username, Limit = GroupsPage.Limit, NextToken = nextToken,
        };
        var response = await CallAsync("AdminListGroupsForUser", request, CognitoJsonContext.Default.AdminListGroupsForUserRequest,
            CognitoJsonContext.Default.AdminListGroupsForUserResponse, ct).ConfigureAwait(false);
        return GroupsPage.FromAnswer(response);
    }

    /// <summary>One ListUsers call; a 200 without <c>Users</c> is malformed (fail closed).</summary>
    private async Task<IReadOnlyList<OldUser>> ListAsync(ListUsersRequest request, CancellationToken ct)
    {
        var response = await CallAsync("ListUsers", request, CognitoJsonContext.Default.ListUsersRequest,
            CognitoJsonContext.Default.ListUsersResponse, ct).ConfigureAwait(false);
        if (response.Users is null)
        {
            throw Malformed();
        }

        var users = new List<OldUser>(response.Users.Count);
        foreach (var u in response.Users)
        {
            users.Add(ToUser(u.Username, u.Enabled, u.UserStatus, u.Attributes));
        }

        return users;
    }

    private static OldUser ToUser(string? username, bool? enabled, string? status, List<AttributeWire>? attributes) =>
        OldUser.FromAnswer(username, enabled, status, attributes?.Select(a => new KeyValuePair<string?, string?>(a.Name, a.Value)));

    private static CognitoException Malformed() => CognitoTransport.Malformed();

    private Task<TResponse> CallAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken ct)
        where TResponse : class =>
        _transport.CallAsync(_endpoint, operation, request, requestType, responseType, ct);
}
