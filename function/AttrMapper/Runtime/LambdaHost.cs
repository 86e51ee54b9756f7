namespace AttrMapper.Runtime;

/// <summary>Entry point of the function: init, then the Runtime API loop.</summary>
public static class LambdaHost
{
    public static Task<int> RunAsync(HttpClient? http = null, CancellationToken ct = default)
    {
        _ = http;
        _ = ct;
        return Task.FromResult(1);
    }
}
