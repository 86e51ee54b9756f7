using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AttrMapper.LocalPeers;

/// <summary>Reading and answering AWS JSON 1.1 requests the way AWS does.</summary>
public static class AwsJson
{
    public const string ContentType = "application/x-amz-json-1.1";

    public static async Task<JsonObject?> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The operation from X-Amz-Target (Prefix.Operation), or null.</summary>
    public static string? Operation(HttpRequest request, string prefix)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        return target.StartsWith(prefix + ".", StringComparison.Ordinal) ? target[(prefix.Length + 1)..] : null;
    }

    public static Task WriteAsync(HttpResponse response, int status, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }
        }

        return response.WriteAsync(body, response.HttpContext.RequestAborted);
    }

    /// <summary>An AWS error body: {"__type":"Code","message":"..."}.</summary>
    public static string Error(string type, string message) =>
        new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString();
}
