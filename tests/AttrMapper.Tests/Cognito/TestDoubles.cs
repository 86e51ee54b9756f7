using System.Net;
using Amazon.Runtime;
using AttrMapper.Aws;
using AttrMapper.Parameters;

namespace AttrMapper.Tests.Cognito;

internal sealed class StaticCredentials(ImmutableCredentials? credentials) : ICredentialProvider
{
    public static StaticCredentials Session { get; } = new(new ImmutableCredentials("ASIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token-example"));

    public ValueTask<ImmutableCredentials?> GetAsync(CancellationToken ct) => ValueTask.FromResult(credentials);
}

internal sealed class StaticSecret(string? secret) : ISecretSource
{
    public ValueTask<string?> GetAsync(CancellationToken ct) => ValueTask.FromResult(secret);
}

/// <summary>An in-process HTTP handler: records what was sent and answers from a delegate (no sockets).</summary>
internal sealed class CapturingHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, byte[] Body)> Sent { get; } = [];

    public static CapturingHandler Answer(int status, string body, string? errorTypeHeader = null, string contentType = "application/x-amz-json-1.1") =>
        new((_, _) =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body) };
            response.Content.Headers.ContentType = new(contentType);
            if (errorTypeHeader is not null)
            {
                response.Headers.TryAddWithoutValidation("X-Amzn-ErrorType", errorTypeHeader);
            }

            return Task.FromResult(response);
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Sent.Add((request, body));
        return await answer(request, cancellationToken);
    }
}
