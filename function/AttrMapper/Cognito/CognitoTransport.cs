using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AttrMapper.Aws;

namespace AttrMapper.Cognito;

/// <summary>
/// Cognito's JSON 1.1 API for any pool: SigV4-signed (service cognito-idp) with the credentials it is given, a bounded
/// answer, and every error classified. Operations (the old pool's, the new pool's) are built on <see cref="CallAsync"/>.
/// </summary>
/// <param name="http">Shared, long-lived; its own Timeout should be longer than any endpoint's attempt timeout.</param>
/// <param name="credentials">Signing credentials: the default chain (the function's own), or an assumed role.</param>
/// <param name="time">The clock for signing and timeouts.</param>
public sealed class CognitoTransport(HttpClient http, ICredentialProvider credentials, TimeProvider time)
{
    public const string Service = "cognito-idp";
    public const string ContentType = "application/x-amz-json-1.1";
    public const string TargetPrefix = "AWSCognitoIdentityProviderService.";

    /// <summary>Larger than any answer of the operations used (ListUsers is capped at 60 users).</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    private static readonly MediaTypeHeaderValue JsonContentType = new(ContentType);

    /// <summary>A 200 (or <paramref name="status"/>) whose body is not the answer the operation promises: fail closed.</summary>
    public static CognitoException Malformed(int status = 200) =>
        new(CognitoErrorKind.MalformedResponse, string.Empty, status, surelyUnprocessed: false);

    /// <summary>
    /// One signed call of <paramref name="operation"/> (e.g. AdminGetUser) at <paramref name="endpoint"/>. Every failure is a
    /// <see cref="CognitoException"/> with a classified kind and no upstream text; caller cancellation stays an
    /// <see cref="OperationCanceledException"/>. A 200 that does not parse is <see cref="CognitoErrorKind.MalformedResponse"/>.
    /// </summary>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        CognitoEndpoint endpoint,
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken ct)
        where TResponse : class
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var signing = await credentials.GetAsync(ct).ConfigureAwait(false)
            ?? throw new CognitoException(CognitoErrorKind.Credentials, string.Empty, 0, surelyUnprocessed: true);

        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint.Endpoint);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        message.Content = content;
        var target = TargetPrefix + operation;
        message.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        RequestSigner.Sign(message, body, [new("Content-Type", ContentType), new("X-Amz-Target", target)],
            signing, endpoint.Region, Service, time.GetUtcNow());

        using var attempt = new CancellationTokenSource(endpoint.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, attempt.Token);
        byte[] answer;
        HttpStatusCode status;
        string? errorHeader;
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
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
}
