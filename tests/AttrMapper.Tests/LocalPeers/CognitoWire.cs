using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AttrMapper.Tests.LocalPeers;

/// <summary>Raw JSON 1.1 calls to a Cognito-shaped endpoint, as an SDK would send them, and what came back.</summary>
internal sealed class CognitoWire(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<WireAnswer> CallAsync(string operation, JsonObject body, bool signed = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        if (signed)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return new WireAnswer((int)response.StatusCode, json, text, response.Headers.TryGetValues("X-Amzn-ErrorType", out var t) ? t.First() : null);
    }

    public async Task<(int Status, string Body)> PutAsync(string url, string content, bool withEncryptionHeader = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(content, Encoding.UTF8) };
        if (withEncryptionHeader)
        {
            request.Headers.TryAddWithoutValidation("x-amz-server-side-encryption", "aws:kms");
        }

        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record WireAnswer(int Status, JsonObject? Body, string Text, string? ErrorTypeHeader)
{
    public string? Type => Body?["__type"]?.GetValue<string>();

    public string? Message => Body?["message"]?.GetValue<string>();
}
