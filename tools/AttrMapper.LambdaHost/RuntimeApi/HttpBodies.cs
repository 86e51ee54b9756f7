using Microsoft.AspNetCore.Http;

namespace AttrMapper.LambdaHost.RuntimeApi;

/// <summary>Reading request bodies under Lambda's size limits, and writing small JSON answers.</summary>
internal static class HttpBodies
{
    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static Task WriteJsonAsync(HttpResponse response, int status, ReadOnlyMemory<byte> body)
    {
        response.StatusCode = status;
        response.ContentType = WireNames.Json;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }
}
