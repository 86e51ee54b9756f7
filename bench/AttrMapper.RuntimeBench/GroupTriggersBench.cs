using System.Globalization;
using System.Text;

namespace AttrMapper.RuntimeBench;

/// <summary>
/// <c>groups</c> mode (issue 11): the new pool's group triggers WITHOUT a marker, the case of every sign-in and every
/// token issue once the migration is done, warm, <c>/next</c> to <c>/next</c>, against DESIGN.md §8 (≤ 0.1 ms, no upstream
/// call). The published bootstrap runs a groups map with KEY_PARAMETER; each run is one container fed pre token generation
/// events, then post authentication events, then migration events from another pool (rejected before any upstream call:
/// the Runtime API and loop alone, the floor under both). Every answer must be the event unchanged and the scripted pool
/// must see no call at all.
/// </summary>
internal static class GroupTriggersBench
{
    private static readonly TimeSpan PhasePatience = TimeSpan.FromSeconds(300);

    private static readonly (string Name, byte[] Event)[] Kinds =
    [
        ("pre token generation, no marker", Event("TokenGeneration_Authentication",
            "\"groupConfiguration\":{\"groupsToOverride\":[],\"iamRolesToOverride\":[],\"preferredRole\":null},\"clientMetadata\":{}",
            "{\"claimsOverrideDetails\":null}")),
        ("post authentication, no marker", Event("PostAuthentication_Authentication", "\"newDeviceUsed\":false,\"clientMetadata\":{}", "{}")),
        ("floor: a reject with no upstream call", Peers.OtherPool),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        string? aot = null;
        var invocations = 5000;
        var runs = 3;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--aot": aot = Path.GetFullPath(args[i + 1]); break;
                case "--invocations": invocations = Math.Clamp(int.Parse(args[i + 1], CultureInfo.InvariantCulture), 200, 100_000); break;
                case "--runs": runs = Math.Clamp(int.Parse(args[i + 1], CultureInfo.InvariantCulture), 1, 20); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if (aot is null || !File.Exists(aot))
        {
            throw new ArgumentException("--aot PATH (the published bootstrap) is required");
        }

        var variant = new Variant("Native AOT", aot, new Dictionary<string, string>(), string.Empty);
        await using var peers = await Peers.StartAsync();
        Console.WriteLine($"load before: {Machine.LoadAverage()}");
        var (trips, cpu, calls) = await MeasureAsync(variant, peers, invocations, runs).ConfigureAwait(false);
        Console.WriteLine($"load after: {Machine.LoadAverage()}");
        Console.WriteLine(FormattableString.Invariant(
            $"{runs} container(s), each {invocations} warm invocations per kind after {Warmup} of warm-up; upstream calls seen by the scripted pool: {calls}"));
        Console.WriteLine("| warm, `/next` → `/next` | median | p90 | p99 | CPU per invocation | upstream calls | budget |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var (name, _) in Kinds)
        {
            var sample = trips[name];
            var budget = name.StartsWith("floor", StringComparison.Ordinal) ? string.Empty
                : Stats.Median(sample) <= 0.1 ? "≤ 0.1 ms: met" : "≤ 0.1 ms: **missed**";
            Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {Stats.Median(sample):F3} ms | {Stats.Percentile(sample, 90):F3} ms | {Stats.Percentile(sample, 99):F3} ms | {Stats.Median(cpu[name]):F0} µs | {calls} | {budget} |"));
        }

        return calls == 0 ? 0 : 1;
    }

    private const int Warmup = 200;

    /// <summary>The names of the measured kinds, in order: pre token generation, post authentication, the floor.</summary>
    public static IReadOnlyList<string> KindNames => [.. Kinds.Select(k => k.Name)];

    /// <summary>
    /// Runs <paramref name="runs"/> containers and returns every /next → /next trip and CPU figure per kind, and how many
    /// upstream calls the scripted pool saw meanwhile (the budget says none).
    /// </summary>
    public static async Task<(Dictionary<string, List<double>> Trips, Dictionary<string, List<double>> Cpu, int UpstreamCalls)> MeasureAsync(
        Variant variant, Peers peers, int invocations, int runs)
    {
        var trips = Kinds.ToDictionary(k => k.Name, _ => new List<double>());
        var cpu = Kinds.ToDictionary(k => k.Name, _ => new List<double>());
        var before = peers.Pool.CallCount();
        for (var run = 0; run < runs; run++)
        {
            await RunContainerAsync(variant, peers, invocations, trips, cpu).ConfigureAwait(false);
        }

        return (trips, cpu, peers.Pool.CallCount() - before);
    }

    private static async Task RunContainerAsync(
        Variant variant, Peers peers, int invocations, Dictionary<string, List<double>> trips, Dictionary<string, List<double>> cpu)
    {
        var total = Warmup + (Kinds.Length * invocations);
        await using var api = await RuntimeApiServer.StartAsync(capacity: total).ConfigureAwait(false);
        using var process = Bench.Create(variant, peers.Environment(api.Endpoint, Peers.GroupsMapParameter));
        process.Start();
        Bench.Drain(process);
        try
        {
            // Warm-up: the map and the key load, the JSON paths are touched once.
            var warmedUp = api.AnswersReached(Warmup);
            api.Enqueue(Kinds[0].Event, Warmup);
            await warmedUp.WaitAsync(PhasePatience).ConfigureAwait(false);
            var done = Warmup;
            foreach (var (name, body) in Kinds)
            {
                var start = ProcessProbe.CpuSplit(process.Id);
                var reached = api.AnswersReached(done + invocations);
                api.Enqueue(body, invocations);
                await reached.WaitAsync(PhasePatience).ConfigureAwait(false);
                var end = ProcessProbe.CpuSplit(process.Id);
                trips[name].AddRange(Bench.RoundTrips(api, done, done + invocations));
                cpu[name].Add((end.User - start.User + end.System - start.System) * 1e6 / invocations);
                done += invocations;
            }

            if (api.Errors != 0 || api.Rejected != total)
            {
                throw new InvalidOperationException($"{api.Rejected} of {total} answers were the event unchanged, {api.Errors} errors");
            }
        }
        finally
        {
            await Bench.StopAsync(process).ConfigureAwait(false);
        }
    }

    private static byte[] Event(string source, string request, string response) => Encoding.UTF8.GetBytes(
        $$$"""
        {"version":"1","triggerSource":"{{{source}}}","region":"eu-west-1","userPoolId":"{{{Peers.NewPool}}}","userName":"alice",
         "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"5example0newpoolclient00"},
         "request":{"userAttributes":{"sub":"7d3a5e1c-0b6a-4c2e-9f41-2a6a1f0c9b11","cognito:user_status":"CONFIRMED","email":"alice@example.com","email_verified":"true"},{{{request}}}},
         "response":{{{response}}}}
        """);
}
