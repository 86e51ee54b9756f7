using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AttrMapper.Aws;
using AttrMapper.Parameters;

namespace AttrMapper.Cognito;

/// <summary>The old user pool over Cognito's JSON 1.1 API, SigV4-signed (service cognito-idp). One attempt per call.</summary>
public sealed class OldPoolClient : IOldPool
{
    public const string Service = "cognito-idp";
    public const string ContentType = "application/x-amz-json-1.1";
    public const string TargetPrefix = "AWSCognitoIdentityProviderService.";

    /// <summary>Larger than any answer of the four operations used (ListUsers is capped at 60 users).</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    private static readonly MediaTypeHeaderValue JsonContentType = new(ContentType);

    private readonly HttpClient _http;
    private readonly OldPoolOptions _options;
    private readonly ICredentialProvider _credentials;
    private readonly ISecretSource? _clientSecret;
    private readonly TimeProvider _time;

    /// <param name="http">Shared, long-lived; its own Timeout should be longer than <see cref="OldPoolOptions.AttemptTimeout"/>.</param>
    /// <param name="options">Pool, client, endpoint, region, per-attempt timeout.</param>
    /// <param name="credentials">Signing credentials (default chain, or an assumed role).</param>
    /// <param name="clientSecret">The app client's secret when it has one: every sign-in then carries SECRET_HASH.</param>
    /// <param name="time">The clock for signing and timeouts; the system clock if null.</param>
    public OldPoolClient(HttpClient http, OldPoolOptions options, ICredentialProvider credentials, ISecretSource? clientSecret = null, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AttemptTimeout, TimeSpan.Zero);
        _http = http;
        _options = options;
        _credentials = credentials;
        _clientSecret = clientSecret;
        _time = time ?? TimeProvider.System;
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
            // Fail closed: a success must look like one. The tokens themselves are never read.
            if (tokens.ValueKind != JsonValueKind.Object
                || !tokens.TryGetProperty("AccessToken", out var access) || access.ValueKind != JsonValueKind.String)
            {
                throw Malformed();
            }

            return new AuthResult(Authenticated: true, ChallengeName: null);
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
        return (await ListAsync(request, ct).ConfigureAwait(false)).Users;
    }

    /// <summary>
    /// One page of every user in the pool (no filter), for the operator CLI's progress count; not used by the migration path.
    /// Pass the previous page's token to get the next one; a null token in the answer means the last page.
    /// </summary>
    public async Task<UserPage> ListUsersPageAsync(int limit, string? paginationToken, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 60);
        var request = new ListUsersRequest
        {
            UserPoolId = _options.UserPoolId,
            Limit = limit,
            PaginationToken = string.IsNullOrEmpty(paginationToken) ? null : paginationToken,
        };
        return await ListAsync(request, ct).ConfigureAwait(false);
    }

    /// <summary>One ListUsers call; a 200 without <c>Users</c> is malformed (fail closed).</summary>
    private async Task<UserPage> ListAsync(ListUsersRequest request, CancellationToken ct)
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

        return new UserPage(users, string.IsNullOrEmpty(response.PaginationToken) ? null : response.PaginationToken);
    }

    /// <summary>The pool's schema attributes (for the operator CLI's checks; not used by the migration path).</summary>
    public async Task<UserPoolDescription> DescribeUserPoolAsync(CancellationToken ct)
    {
        var request = new DescribeUserPoolRequest { UserPoolId = _options.UserPoolId };
        var response = await CallAsync("DescribeUserPool", request, CognitoJsonContext.Default.DescribeUserPoolRequest,
            CognitoJsonContext.Default.DescribeUserPoolResponse, ct).ConfigureAwait(false);
        var pool = response.UserPool;
        if (pool?.Id is null)
        {
            throw Malformed();
        }

        var attributes = new List<SchemaAttribute>();
        foreach (var a in pool.SchemaAttributes ?? [])
        {
            if (string.IsNullOrEmpty(a.Name))
            {
                throw Malformed();
            }

            int? max = int.TryParse(a.StringAttributeConstraints?.MaxLength, out var m) ? m : null;
            attributes.Add(new SchemaAttribute(a.Name, a.AttributeDataType, a.Mutable ?? false, max, a.Required ?? false));
        }

        return new UserPoolDescription(pool.Id, pool.Name, attributes, pool.UsernameAttributes ?? [], pool.EstimatedNumberOfUsers);
    }

    private static OldUser ToUser(string? username, bool? enabled, string? status, List<AttributeWire>? attributes)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(status))
        {
            throw Malformed();
        }

        var list = new List<KeyValuePair<string, string>>(attributes?.Count ?? 0);
        foreach (var a in attributes ?? [])
        {
            if (string.IsNullOrEmpty(a.Name))
            {
                throw Malformed();
            }

            list.Add(new(a.Name, a.Value ?? string.Empty));
        }

        // A missing Enabled is read as disabled: never migrate on a guess.
        return new OldUser(username, enabled ?? false, status, list);
    }

    /// <summary>The body, or null when it is larger than any Cognito answer we read (a misbehaving endpoint).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        if (content.Headers.ContentLength > MaxAnswerBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxAnswerBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }

        return buffer.ToArray();
    }

    private static CognitoException Malformed(int status = 200) =>
        new(CognitoErrorKind.MalformedResponse, string.Empty, status, surelyUnprocessed: false);

    private async Task<TResponse> CallAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken ct)
        where TResponse : class
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var credentials = await _credentials.GetAsync(ct).ConfigureAwait(false)
            ?? throw new CognitoException(CognitoErrorKind.Credentials, string.Empty, 0, surelyUnprocessed: true);

        using var message = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        message.Content = content;
        var target = TargetPrefix + operation;
        message.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        RequestSigner.Sign(message, body, [new("Content-Type", ContentType), new("X-Amz-Target", target)],
            credentials, _options.Region, Service, _time.GetUtcNow());

        using var attempt = new CancellationTokenSource(_options.AttemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, attempt.Token);
        byte[] answer;
        HttpStatusCode status;
        string? errorHeader;
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            status = response.StatusCode;
            errorHeader = response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            answer = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false)
                ?? throw Malformed((int)status);
        }
        catch (CognitoException)
        {
            throw;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e) when (attempt.IsCancellationRequested)
        {
            throw new CognitoException(CognitoErrorKind.Timeout, string.Empty, 0, surelyUnprocessed: false, e);
        }
        catch (OperationCanceledException e)
        {
            // HttpClient's own Timeout.
            throw new CognitoException(CognitoErrorKind.Timeout, string.Empty, 0, surelyUnprocessed: false, e);
        }
        catch (HttpRequestException e)
        {
            // Refused or unresolvable: the request never reached Cognito.
            var neverSent = e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                or HttpRequestError.SecureConnectionError;
            throw new CognitoException(CognitoErrorKind.Network, string.Empty, 0, neverSent, e);
        }
        catch (IOException e)
        {
            // The connection broke while the answer was being read: the request may well have been processed.
            throw new CognitoException(CognitoErrorKind.Network, string.Empty, 0, surelyUnprocessed: false, e);
        }

        var statusCode = (int)status;
        if (status == HttpStatusCode.OK)
        {
            TResponse? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize(answer, responseType);
            }
            catch (JsonException e)
            {
                throw new CognitoException(CognitoErrorKind.MalformedResponse, string.Empty, statusCode, surelyUnprocessed: false, e);
            }

            return parsed ?? throw Malformed();
        }

        string? bodyType = null;
        try
        {
            bodyType = answer.Length > 0 ? JsonSerializer.Deserialize(answer, CognitoJsonContext.Default.ErrorWire)?.Type : null;
        }
        catch (JsonException)
        {
            // A proxy's HTML page or an empty 5xx: classify by header and status alone.
        }

        var code = CognitoErrors.NormalizeCode(errorHeader, bodyType);
        var kind = CognitoErrors.Classify(code, statusCode);
        throw new CognitoException(kind, code, statusCode, CognitoErrors.IsSurelyUnprocessed(kind));
    }
}
