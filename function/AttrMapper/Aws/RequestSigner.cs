using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace AttrMapper.Aws;

/// <summary>SigV4-signs an outgoing HttpRequestMessage with AWSSDK.Core's public signer.</summary>
/// <remarks>
/// The SDK signer always adds and signs <c>X-Amz-Content-SHA256</c> (the .NET SDK sends it to every service);
/// with <c>SignPayload</c> on it carries the body's real SHA-256, never UNSIGNED-PAYLOAD, which only S3 accepts.
/// </remarks>
internal static class RequestSigner
{
    /// <summary>Signs <paramref name="request"/> (whose body is exactly <paramref name="body"/>) and adds the signature headers to it.</summary>
    public static void Sign(
        HttpRequestMessage request,
        byte[] body,
        IReadOnlyList<KeyValuePair<string, string>> signedHeaders,
        ImmutableCredentials credentials,
        string region,
        string service,
        DateTimeOffset signedAt)
    {
        var signing = new AWSSigningRequest
        {
            HttpMethod = request.Method,
            RequestUri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request)),
            Content = body,
        };
        foreach (var (name, value) in signedHeaders)
        {
            signing.Headers[name] = value;
        }

        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials.UseToken
                ? new SessionAWSCredentials(credentials.AccessKey, credentials.SecretKey, credentials.Token)
                : new BasicAWSCredentials(credentials.AccessKey, credentials.SecretKey),
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignPayload = true,
            SignedAt = signedAt.UtcDateTime,
        };

        var result = AWSSigV4Signer.Sign(signing, parameters);
        foreach (var (name, value) in result.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
