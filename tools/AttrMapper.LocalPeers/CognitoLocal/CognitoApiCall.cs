using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AttrMapper.LocalPeers.CognitoLocal;

/// <summary>One Cognito JSON 1.1 answer: the status, the body, and the error code when it is an error.</summary>
public sealed record CognitoApiAnswer(int Status, JsonNode? Body, string? ErrorType)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The body, or an exception naming the operation and the error code (never the request, which may hold a password).</summary>
    public JsonNode Ok(string operation) => IsSuccess && Body is not null
        ? Body
        : throw new InvalidOperationException($"Cognito {operation} failed: HTTP {Status} {ErrorType ?? "(no error code)"}");
}

/// <summary>
/// Calls a Cognito JSON 1.1 endpoint (cognito-local or a proxy in front of it) the way an SDK does, with a placeholder
/// SigV4 Authorization header: local peers check that one is present, not what it signs.
/// </summary>
public static class CognitoApiCall
{
    public const string TargetPrefix = "AWSCognitoIdentityProviderService";
    public const string Authorization =
        "AWS4-HMAC-SHA256 Credential=local/20260101/local/cognito-idp/aws4_request, SignedHeaders=host;x-amz-target, Signature=0";

    public static async Task<CognitoApiAnswer> SendAsync(HttpClient http, Uri endpoint, string operation, JsonObject body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(AwsJson.ContentType);
        request.Headers.Add("X-Amz-Target", TargetPrefix + "." + operation);
        request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return Parse((int)response.StatusCode, text, response.Headers.TryGetValues("X-Amzn-ErrorType", out var v) ? v.FirstOrDefault() : null);
    }

    /// <summary>Reads an answer the way the function's client does: the code from __type or X-Amzn-ErrorType, without prefix or suffix.</summary>
    public static CognitoApiAnswer Parse(int status, string text, string? errorTypeHeader)
    {
        JsonNode? body;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        string? type = null;
        if (status is < 200 or >= 300)
        {
            type = (body as JsonObject)?["__type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : errorTypeHeader;
            if (type is not null)
            {
                type = type[(type.LastIndexOf('#') + 1)..];
                var colon = type.IndexOf(':', StringComparison.Ordinal);
                type = colon >= 0 ? type[..colon] : type;
            }
        }

        return new CognitoApiAnswer(status, body, type);
    }
}
