using AttrMapper.LambdaHost;

namespace AttrMapper.Demo.Stack;

/// <summary>The function as a local stack runs it: the published bootstrap in the local Lambda host, with the settings it shares.</summary>
internal static class LocalFunction
{
    /// <summary>
    /// The settings (DESIGN.md section 3) every local function gets: both pools, the map and key parameters, both endpoints on
    /// the local peers, and dummy credentials. A stack adds what its own functions differ in.
    /// </summary>
    public static Dictionary<string, string> Environment(
        string oldUserPoolId, string oldClientId, string newUserPoolId, string mapParameter, string keyParameter, Uri cognito, Uri parameterStore) => new()
    {
        ["OLD_USER_POOL_ID"] = oldUserPoolId,
        ["OLD_CLIENT_ID"] = oldClientId,
        ["NEW_USER_POOL_ID"] = newUserPoolId,
        ["MAP_PARAMETER_NAME"] = mapParameter,
        ["KEY_PARAMETER"] = keyParameter,
        ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = cognito.ToString(),
        ["AWS_ENDPOINT_URL_SSM"] = parameterStore.ToString(),
        // Dummy credentials: the local peers want a signed request, not a valid one. Nothing reaches AWS.
        ["AWS_ACCESS_KEY_ID"] = "AKIALOCALDEMO0000000",
        ["AWS_SECRET_ACCESS_KEY"] = "local-demo-secret-not-a-real-key",
        ["AWS_SESSION_TOKEN"] = "local-demo-session",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    /// <summary>Starts the host and waits (at most <paramref name="within"/>) for the bootstrap's first /next; the caller stops it, ready or not.</summary>
    public static async Task<LocalLambdaHost> StartAsync(LambdaHostOptions options, TimeSpan within, Func<LocalLambdaHost, LocalLambdaHost> keep, CancellationToken ct)
    {
        var function = keep(await LocalLambdaHost.StartAsync(options, ct).ConfigureAwait(false));
        using var ready = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ready.CancelAfter(within);
        if (!await function.WaitUntilReadyAsync(ready.Token).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"{options.FunctionName}'s bootstrap did not reach its first /next (see its output above)");
        }

        return function;
    }
}
