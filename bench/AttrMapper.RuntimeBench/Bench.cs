using System.Diagnostics;
using System.Text;
using AttrMapper.LocalPeers;

namespace AttrMapper.RuntimeBench;

/// <summary>One cold start: exec to the first <c>GET /next</c>, and exec to the first migration answered.</summary>
internal sealed record ColdSample(double FirstNextMs, double FirstAnswerMs);

/// <summary>One warm container driven through its invocations.</summary>
/// <param name="MigrationRoundTripMs">/next to /next of each measured migration (2 old-pool calls each).</param>
/// <param name="LoopRoundTripMs">/next to /next of each reject that makes no upstream call (Runtime API and loop alone).</param>
/// <param name="CpuPerInvocationUs">utime + stime over the measured migrations, divided by their count.</param>
/// <param name="SystemSharePercent">stime's share of that CPU: kernel work (sockets, scheduling).</param>
/// <param name="Rss">VmRSS after each block of a tenth of the migrations (the first after warm-up plus one block).</param>
/// <param name="PeakRssKiB">VmHWM after all migrations.</param>
/// <param name="RssAnonKiB">RssAnon at the end: heap, stacks, GC (what the process allocated).</param>
/// <param name="RssFileKiB">RssFile at the end: pages of the executable and libraries mapped in.</param>
internal sealed record WarmSample(
    double[] MigrationRoundTripMs,
    double[] LoopRoundTripMs,
    double CpuPerInvocationUs,
    double SystemSharePercent,
    IReadOnlyList<(int At, long KiB)> Rss,
    long PeakRssKiB,
    long RssAnonKiB,
    long RssFileKiB,
    int Threads)
{
    public long RssAtBaselineKiB => Rss[0].KiB;

    public long RssAtEndKiB => Rss[^1].KiB;

    /// <summary>VmRSS at the checkpoint nearest half the migrations: the start of the second half.</summary>
    public (int At, long KiB) RssAtHalf => Rss.MinBy(r => Math.Abs(r.At - (Rss[^1].At / 2)));
}

/// <summary>The peers every run shares: the scripted old pool and the local Parameter Store, both on 127.0.0.1.</summary>
internal sealed class Peers : IAsyncDisposable
{
    public const string MapParameter = "/attrmapper/map";
    public const string IdTokenMapParameter = "/attrmapper/map-idtoken";
    public const string GroupsMapParameter = "/attrmapper/map-groups";
    public const string KeyParameter = "/attrmapper/function-key";
    public const string NewPool = "eu-west-1_NewPool01";
    private const string Password = "Bench-Pa55word-1";

    /// <summary>The map the behaviour tests run with: the same document, linked from tests/AttrMapper.Tests/Fakes/Maps.cs.</summary>
    private const string Map = AttrMapper.Tests.Fakes.Maps.Behaviour;

    private Peers(ScriptedOldPool pool, LocalParameterStore store)
    {
        Pool = pool;
        Store = store;
    }

    public ScriptedOldPool Pool { get; }

    public LocalParameterStore Store { get; }

    /// <summary>A sign-in that migrates: AdminInitiateAuth then AdminGetUser, the map applied.</summary>
    public static byte[] SignIn { get; } = Event("alice", NewPool);

    /// <summary>An event from another pool: rejected before any upstream call.</summary>
    public static byte[] OtherPool { get; } = Event("alice", "eu-west-1_Elsewhere1");

    public static async Task<Peers> StartAsync()
    {
        var pool = await ScriptedOldPool.StartAsync().ConfigureAwait(false);
        var store = await LocalParameterStore.StartAsync().ConfigureAwait(false);
        store.Put(MapParameter, Map);
        store.Put(IdTokenMapParameter, Map.Replace("\"version\": 1,", "\"version\": 1, \"attributeSource\": \"IdToken\",", StringComparison.Ordinal));
        store.Put(GroupsMapParameter, AttrMapper.Tests.Fakes.Maps.WithGroups);
        store.Put(KeyParameter, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), "SecureString");
        pool.AddUser(new FakeUser
        {
            Username = "alice",
            Password = Password,
            Attributes =
            [
                new("sub", "0f1e2d3c-0000-4000-8000-00000000a11c"),
                new("email", "alice@example.com"),
                new("email_verified", "true"),
                new("custom:tenant", "acme"),
                new("custom:internal_flag", "internal"),
            ],
        });
        return new Peers(pool, store);
    }

    /// <summary>The function's environment (DESIGN.md §3), as Lambda would set it, pointing at these peers.</summary>
    public Dictionary<string, string> Environment(string runtimeApi, string mapParameter = MapParameter)
    {
        var environment = BaseEnvironment(runtimeApi, mapParameter);
        if (mapParameter == GroupsMapParameter)
        {
            // A groups map is refused without the function's key (DESIGN.md §3).
            environment["KEY_PARAMETER"] = KeyParameter;
        }

        return environment;
    }

    private Dictionary<string, string> BaseEnvironment(string runtimeApi, string mapParameter) => new()
    {
        ["PATH"] = "/usr/bin:/bin",
        ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi,
        ["AWS_REGION"] = "eu-west-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
        ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        ["AWS_SESSION_TOKEN"] = "bench-session-token",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = Pool.Endpoint.ToString(),
        ["AWS_ENDPOINT_URL_SSM"] = Store.Endpoint.ToString(),
        ["OLD_USER_POOL_ID"] = Pool.UserPoolId,
        ["OLD_CLIENT_ID"] = Pool.ClientId,
        ["MAP_PARAMETER_NAME"] = mapParameter,
        ["NEW_USER_POOL_ID"] = NewPool,
        ["MAP_CACHE_TTL_SECONDS"] = "60",
    };

    public async ValueTask DisposeAsync()
    {
        await Pool.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
    }

    private static byte[] Event(string user, string pool) => Encoding.UTF8.GetBytes(
        $$$"""
        {"version":"1","triggerSource":"UserMigration_Authentication","region":"eu-west-1","userPoolId":"{{{pool}}}","userName":"{{{user}}}",
         "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"5example0newpoolclient00"},
         "request":{"password":"{{{Password}}}","validationData":null,"clientMetadata":null,"userAttributes":null},
         "response":{"userAttributes":null,"forceAliasCreation":null,"enableSMSMFA":null,"finalUserStatus":null,"messageAction":null,"desiredDeliveryMediums":null}}
        """);
}

/// <summary>Spawns one variant against a fresh Runtime API and measures it. Every wait is bounded.</summary>
internal static class Bench
{
    private static readonly TimeSpan ColdPatience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PhasePatience = TimeSpan.FromSeconds(300);

    public static async Task<ColdSample> ColdStartAsync(Variant variant, Peers peers, string mapParameter = Peers.MapParameter)
    {
        await using var api = await RuntimeApiServer.StartAsync(capacity: 4).ConfigureAwait(false);
        api.Enqueue(Peers.SignIn);
        using var process = Create(variant, peers.Environment(api.Endpoint, mapParameter));
        var exec = Stopwatch.GetTimestamp();
        process.Start();
        Drain(process);
        try
        {
            var firstNext = await api.FirstNext.WaitAsync(ColdPatience).ConfigureAwait(false);
            var firstAnswer = await api.FirstAnswer.WaitAsync(ColdPatience).ConfigureAwait(false);
            if (api.Migrated != 1)
            {
                throw new InvalidOperationException($"{variant.Name}: the first event was not migrated (errors {api.Errors}, rejects {api.Rejected})");
            }

            return new ColdSample(Stopwatch.GetElapsedTime(exec, firstNext).TotalMilliseconds, Stopwatch.GetElapsedTime(exec, firstAnswer).TotalMilliseconds);
        }
        finally
        {
            await StopAsync(process).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Phases, each queued whole and then awaited, so /proc is read while the process idles in /next:
    /// warm-up, a first measured block (baseline RSS), the rest of <paramref name="migrations"/> (CPU, RSS, peak RSS),
    /// then <paramref name="loopOnly"/> rejects without upstream calls.
    /// </summary>
    public static async Task<WarmSample> WarmAsync(Variant variant, Peers peers, int warmup, int migrations, int loopOnly, string mapParameter = Peers.MapParameter)
    {
        var baselineAt = warmup + (migrations / 10);
        var total = migrations + loopOnly;
        await using var api = await RuntimeApiServer.StartAsync(capacity: total).ConfigureAwait(false);
        using var process = Create(variant, peers.Environment(api.Endpoint, mapParameter));
        process.Start();
        Drain(process);
        try
        {
            var pid = process.Id;
            var warmedUp = api.AnswersReached(warmup);
            api.Enqueue(Peers.SignIn, warmup);
            await warmedUp.WaitAsync(PhasePatience).ConfigureAwait(false);
            var cpuStart = ProcessProbe.CpuSplit(pid);

            // Blocks of a tenth of the migrations; VmRSS is read after each, so growth shows as a series, not one pair.
            var checkpoints = new List<int>();
            for (var at = baselineAt; at < migrations; at += migrations / 10)
            {
                checkpoints.Add(at);
            }

            checkpoints.Add(migrations);
            var rss = new List<(int At, long KiB)>();
            var trips = new List<double>();
            var done = warmup;
            foreach (var at in checkpoints)
            {
                var reached = api.AnswersReached(at);
                api.Enqueue(Peers.SignIn, at - done);
                await reached.WaitAsync(PhasePatience).ConfigureAwait(false);
                rss.Add((at, ProcessProbe.StatusKiB(pid, "VmRSS")));
                trips.AddRange(RoundTrips(api, done, at));
                done = at;
            }

            var cpuEnd = ProcessProbe.CpuSplit(pid);
            var peak = ProcessProbe.StatusKiB(pid, "VmHWM");
            var threads = ProcessProbe.Threads(pid);
            var anon = ProcessProbe.StatusKiB(pid, "RssAnon");
            var file = ProcessProbe.StatusKiB(pid, "RssFile");
            if (api.Migrated != migrations || api.Errors != 0)
            {
                throw new InvalidOperationException($"{variant.Name}: {api.Migrated} of {migrations} migrated, {api.Errors} errors");
            }

            var allAnswered = api.AnswersReached(total);
            api.Enqueue(Peers.OtherPool, loopOnly);
            await allAnswered.WaitAsync(PhasePatience).ConfigureAwait(false);
            if (api.Rejected != loopOnly)
            {
                throw new InvalidOperationException($"{variant.Name}: {api.Rejected} of {loopOnly} no-upstream events rejected");
            }

            // /next k arrives when answer k-1 is posted; k -> k+1 is one whole invocation when event k was already queued.
            // Phase boundaries (where the queue ran dry) are left out.
            var migrationTrips = trips.ToArray();
            var loopTrips = RoundTrips(api, migrations, total).ToArray();
            var measured = migrations - warmup;
            var user = cpuEnd.User - cpuStart.User;
            var system = cpuEnd.System - cpuStart.System;
            return new WarmSample(migrationTrips, loopTrips, (user + system) * 1e6 / measured, user + system > 0 ? 100 * system / (user + system) : 0, [.. rss], peak, anon, file, threads);
        }
        finally
        {
            await StopAsync(process).ConfigureAwait(false);
        }
    }

    /// <summary>/next n to /next n+1 for the events handed out by /next calls first..last-1 (0-based), less the first of the block.</summary>
    internal static IEnumerable<double> RoundTrips(RuntimeApiServer api, int first, int last)
    {
        for (var n = first + 1; n < last; n++)
        {
            // The /next that ends the block may not have arrived yet when the block's last answer was seen.
            if (api.NextArrival(n) == 0 || api.NextArrival(n + 1) == 0)
            {
                continue;
            }

            yield return Stopwatch.GetElapsedTime(api.NextArrival(n), api.NextArrival(n + 1)).TotalMilliseconds;
        }
    }

    internal static Process Create(Variant variant, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(variant.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        foreach (var (key, value) in variant.Environment)
        {
            info.Environment[key] = value;
        }

        return new Process { StartInfo = info };
    }

    /// <summary>The function logs a line per invocation: read and drop it, as Lambda's log agent would.</summary>
    internal static void Drain(Process process)
    {
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"  [bootstrap stderr] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    internal static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
    }
}
