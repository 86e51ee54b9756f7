using AttrMapper.Demo.Stack;
using AttrMapper.Tests;

namespace AttrMapper.EndToEnd.Tests.CognitoLocal;

/// <summary>
/// The demo's stack (two cognito-local pools behind their fidelity proxies, the local Parameter Store, the published bootstrap
/// under the local Lambda host) with the demo's own map. Each cognito-local gets its own process group; disposing the fixture
/// stops them all.
/// </summary>
public class StackFixture : IAsyncLifetime
{
    private readonly int _ttlSeconds;
    private readonly string? _initialMap;

    public StackFixture()
        : this(60)
    {
    }

    protected StackFixture(int ttlSeconds, string? initialMap = null)
    {
        _ttlSeconds = ttlSeconds;
        _initialMap = initialMap;
    }

    public LocalMigrationStack Stack { get; private set; } = null!;

    public static string DemoMap => File.ReadAllText(RepositoryFiles.PathOf("demo/attribute-map.json"));

    public static string EditedDemoMap => File.ReadAllText(RepositoryFiles.PathOf("demo/attribute-map.v2.json"));

    public async Task InitializeAsync()
    {
        Stack = await LocalMigrationStack.StartAsync(new MigrationStackOptions
        {
            RepositoryRoot = RepositoryFiles.Root,
            BootstrapPath = BootstrapProcess.BinaryPath,
            InitialMap = _initialMap ?? DemoMap,
            MapCacheTtlSeconds = _ttlSeconds,
            OwnProcessGroups = true,
        });
    }

    public async Task DisposeAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }
    }

    /// <summary>Everything the function printed so far.</summary>
    public string FunctionOutput => string.Join('\n', Stack.Function.OutputLines.Select(l => l.Text));
}

/// <summary>The same stack with MAP_CACHE_TTL_SECONDS=1, for the live map edit.</summary>
public sealed class ShortTtlStackFixture() : StackFixture(1);
