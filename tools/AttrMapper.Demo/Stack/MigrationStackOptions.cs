using AttrMapper.LambdaHost;

namespace AttrMapper.Demo.Stack;

/// <summary>What <see cref="LocalMigrationStack"/> runs: the bootstrap, the first map, the cache TTL.</summary>
public sealed class MigrationStackOptions
{
    /// <summary>The repository root (tools/cognito-local lives under it).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>The published Native AOT bootstrap (artifacts/publish/x86_64/bootstrap).</summary>
    public required string BootstrapPath { get; init; }

    /// <summary>The attribute map document stored before the function starts.</summary>
    public required string InitialMap { get; init; }

    public string MapParameterName { get; init; } = "/attrmapper/demo/attribute-map";

    /// <summary>KEY_PARAMETER for the function: a SecureString holding a fresh random key each run (it keys the log's user hash).</summary>
    public string KeyParameterName { get; init; } = "/attrmapper/demo/function-key";

    /// <summary>MAP_CACHE_TTL_SECONDS for the function: small, so a map edit shows within seconds.</summary>
    public int MapCacheTtlSeconds { get; init; } = 2;

    /// <summary>
    /// Attach the new pool's group triggers (pre token generation, post authentication) to the same function and put the map's
    /// marker attribute into the new pool's schema, as the Terraform example does when the map has <c>groups</c>.
    /// </summary>
    public bool GroupTriggers { get; init; }

    /// <summary>Whether each cognito-local gets its own process group (tests) or stays in the caller's (the demo script's).</summary>
    public bool OwnProcessGroups { get; init; }

    /// <summary>Every line the function (and the host, about the function) prints.</summary>
    public Action<OutputLine>? FunctionOutput { get; init; }
}
