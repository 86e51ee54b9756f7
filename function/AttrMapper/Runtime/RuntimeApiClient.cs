using System.Globalization;
using System.Net.Http.Headers;

namespace AttrMapper.Runtime;

/// <summary>Talks to the Lambda Runtime API: fetches events, posts exactly one answer per event.</summary>
internal sealed class RuntimeApiClient(HttpClient http, Uri baseAddress, TimeProvider clock)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    // The container is frozen while /next waits, so that call has no timeout of its own; answers are small and
    // local, so they get a short one rather than hanging an invocation forever.
    private static readonly TimeSpan PostTimeout = TimeSpan.FromSeconds(10);

    public static RuntimeApiClient FromEndpoint(HttpClient http, string endpoint, TimeProvider clock) =>
        new(http, new Uri($"http://{endpoint}"), clock);

    public async Task<Invocation> NextAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, RuntimeApi.NextPath));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        var received = clock.GetUtcNow();
        response.EnsureSuccessStatusCode();

        var requestId = Header(response, RuntimeApi.RequestIdHeader)
            ?? throw new InvalidDataException($"/next answered without {RuntimeApi.RequestIdHeader}.");
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        DateTimeOffset? deadline = long.TryParse(Header(response, RuntimeApi.DeadlineMsHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        return new Invocation(requestId, body, received, deadline, Header(response, RuntimeApi.TraceIdHeader));
    }

    public Task RespondAsync(string requestId, byte[] body, CancellationToken ct) =>
        PostAsync(RuntimeApi.ResponsePath(requestId), body, errorType: null, ct);

    public Task ErrorAsync(string requestId, string errorType, byte[] body, CancellationToken ct) =>
        PostAsync(RuntimeApi.ErrorPath(requestId), body, errorType, ct);

    public Task InitErrorAsync(string errorType, byte[] body, CancellationToken ct) =>
        PostAsync(RuntimeApi.InitErrorPath, body, errorType, ct);

    private async Task PostAsync(string path, byte[] body, string? errorType, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(PostTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, path))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(RuntimeApi.ErrorTypeHeader, errorType);
        }

        using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
