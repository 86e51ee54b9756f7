using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AttrMapper.LocalPeers.CognitoLocal;

/// <summary>
/// One Cognito endpoint for several local pools, as Cognito's regional endpoint serves every pool of a region: each JSON 1.1
/// call goes, unchanged, to the upstream (a fidelity proxy in front of one cognito-local) that holds its <c>UserPoolId</c>.
/// The function has one <c>AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER</c> for the old pool's calls and the new pool's (its
/// group triggers), while the demo runs the two pools in two cognito-local processes.
/// </summary>
public sealed class CognitoRegionalEndpoint : IAsyncDisposable
{
    private static readonly string[] ForwardedHeaders = ["X-Amz-Target", "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-User-Agent"];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly IReadOnlyDictionary<string, Uri> _pools;
    private LoopbackServer? _server;

    private CognitoRegionalEndpoint(IReadOnlyDictionary<string, Uri> pools) => _pools = pools;

    public Uri Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("Not started.");

    /// <summary>Starts the endpoint; <paramref name="pools"/> maps each pool id to the endpoint that serves it.</summary>
    public static async Task<CognitoRegionalEndpoint> StartAsync(IReadOnlyDictionary<string, Uri> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        var endpoint = new CognitoRegionalEndpoint(new Dictionary<string, Uri>(pools, StringComparer.Ordinal));
        endpoint._server = await LoopbackServer.StartAsync(endpoint.HandleAsync).ConfigureAwait(false);
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var raw = buffer.ToArray();
        string? poolId = null;
        try
        {
            poolId = JsonNode.Parse(raw) is JsonObject body && body["UserPoolId"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        if (poolId is null || !_pools.TryGetValue(poolId, out var upstream))
        {
            // What Cognito answers for a pool that does not exist in the region.
            await AwsJson.WriteAsync(context.Response, 400, AwsJson.Error("ResourceNotFoundException", $"User pool {poolId} does not exist."),
                new Dictionary<string, string> { ["X-Amzn-ErrorType"] = "ResourceNotFoundException" }).ConfigureAwait(false);
            return;
        }

        using var forward = new HttpRequestMessage(HttpMethod.Post, upstream) { Content = new ByteArrayContent(raw) };
        forward.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(context.Request.ContentType ?? AwsJson.ContentType);
        foreach (var name in ForwardedHeaders)
        {
            if (context.Request.Headers.TryGetValue(name, out var value))
            {
                forward.Headers.TryAddWithoutValidation(name, value.ToString());
            }
        }

        using var answer = await _http.SendAsync(forward, context.RequestAborted).ConfigureAwait(false);
        var text = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString() ?? AwsJson.ContentType;
        if (answer.Headers.TryGetValues("X-Amzn-ErrorType", out var types))
        {
            context.Response.Headers["X-Amzn-ErrorType"] = types.First();
        }

        await context.Response.Body.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }
}
