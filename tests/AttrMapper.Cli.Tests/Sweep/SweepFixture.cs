using AttrMapper.LocalPeers;

namespace AttrMapper.Cli.Tests.Sweep;

/// <summary>An old and a new pool on one scripted endpoint, a map file and an --out directory for one sweep test.</summary>
internal sealed class SweepFixture : IAsyncDisposable
{
    public const string OldPool = "eu-west-1_SweepOld1";
    public const string NewPool = "eu-west-1_SweepNew1";
    public const string Role = "arn:aws:iam::111122223333:role/attrmapper-import-logs";

    public const string Map = """
        {
          "version": 1,
          "rules": [
            { "op": "copy", "from": "email" },
            { "op": "copy", "from": "email_verified" },
            { "op": "copy", "from": "phone_number" },
            { "op": "copy", "from": "phone_number_verified" },
            { "op": "copy", "from": "name" },
            { "op": "rename", "from": "custom:tenant", "to": "custom:tenant_id" }
          ]
        }
        """;

    private SweepFixture(ScriptedOldPool pool, string mapPath, string outDir)
    {
        Pool = pool;
        MapPath = mapPath;
        Out = outDir;
    }

    public ScriptedOldPool Pool { get; }

    public string MapPath { get; private set; }

    public string Out { get; }

    public Dictionary<string, string> Environment => CliRun.Environment(Pool.Endpoint);

    public static async Task<SweepFixture> StartAsync(string map = Map)
    {
        var pool = await ScriptedOldPool.StartAsync(OldPool);
        pool.AddPool(NewPool);
        pool.SetSchema(NewPool,
        [
            ("sub", "String", false, 2048), ("email", "String", true, 2048), ("email_verified", "Boolean", true, null),
            ("phone_number", "String", true, 2048), ("custom:tenant_id", "String", true, 256), ("custom:pending_groups", "String", true, 2048),
        ]);
        var outDir = Path.Combine(Path.GetTempPath(), "attrmapper-sweep-" + Guid.NewGuid().ToString("N"));
        return new SweepFixture(pool, CliRun.TempMap(map), outDir);
    }

    /// <summary>An enabled, confirmed old user with a verified email and a tenant.</summary>
    public FakeUser AddOld(string username, string? email = null, string status = "CONFIRMED", bool enabled = true, string verified = "true",
        params KeyValuePair<string, string>[] extra)
    {
        var user = new FakeUser
        {
            Username = username,
            Password = "unused",
            Status = status,
            Enabled = enabled,
            Attributes = [new("sub", Guid.NewGuid().ToString()), new("email", email ?? username + "@example.com"), new("email_verified", verified),
                new("custom:tenant", "acme"), .. extra],
        };
        Pool.AddUser(user);
        return user;
    }

    public void AddNew(string username, string? email = null) =>
        Pool.AddPoolUser(NewPool, new FakeUser { Username = username, Password = "unused", Attributes = [new("email", email ?? username + "@example.com")] });

    public string[] Args(params string[] extra) =>
        ["sweep", "--old-pool", OldPool, "--new-pool", NewPool, "--map", MapPath, "--out", Out, .. extra];

    public string[] ImportArgs(params string[] extra) => Args(["--logs-role-arn", Role, .. extra]);

    public Task<CliResult> RunAsync(params string[] args) => CliRun.RunAsync(Environment, args);

    public Task<CliResult> RunAsync(CliTuning tuning, params string[] args) => CliRun.RunAsync(Environment, tuning, args);

    /// <summary>The not-taken file's rows (reason, username), header left out.</summary>
    public List<(string Reason, string Username)> NotTaken() =>
        [.. File.ReadAllLines(Path.Combine(Out, "not-taken.csv")).Skip(1).Select(l => (l[..l.IndexOf(',', StringComparison.Ordinal)], l[(l.IndexOf(',', StringComparison.Ordinal) + 1)..]))];

    public int Calls(string operation) => Pool.CallCount(operation);

    public async ValueTask DisposeAsync()
    {
        await Pool.DisposeAsync();
        File.Delete(MapPath);
        if (Directory.Exists(Out))
        {
            Directory.Delete(Out, recursive: true);
        }
    }
}
