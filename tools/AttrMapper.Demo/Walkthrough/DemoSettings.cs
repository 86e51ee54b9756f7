namespace AttrMapper.Demo.Walkthrough;

/// <summary>Where the demo finds its inputs (scripts/demo.sh passes them), and the map cache TTL it runs with.</summary>
public sealed record DemoSettings(string RepositoryRoot, string BootstrapPath, string MapPath, string EditedMapPath, int MapCacheTtlSeconds, string CliPath)
{
    public static DemoSettings ForRepository(string root, string? bootstrap = null, int ttlSeconds = 2, string? cli = null) => new(
        root,
        bootstrap ?? Path.Combine(root, "artifacts", "publish", "x86_64", "bootstrap"),
        Path.Combine(root, "demo", "attribute-map.json"),
        Path.Combine(root, "demo", "attribute-map.v2.json"),
        ttlSeconds,
        cli ?? (Environment.GetEnvironmentVariable("ATTRMAPPER_CLI") is { Length: > 0 } given ? given : Path.Combine(root, "artifacts", "cli", "attrmapper")));
}
