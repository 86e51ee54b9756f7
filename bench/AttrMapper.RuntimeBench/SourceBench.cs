using System.Globalization;
using AttrMapper.LocalPeers;

namespace AttrMapper.RuntimeBench;

/// <summary>
/// <c>sources</c> mode (issue 14): the published bootstrap with the scripted old pool answering each call after 20 ms,
/// once under an AdminGetUser map and once under the same map with <c>"attributeSource": "IdToken"</c>. Reports
/// migration latency (median, p99, /next to /next), old-pool calls per migration, and the cold container's first
/// migration (exec to first answer). Bounded: a fixed count of cold starts and migrations.
/// </summary>
internal static class SourceBench
{
    private static readonly TimeSpan OldPoolDelay = TimeSpan.FromMilliseconds(20);

    public static async Task<int> RunAsync(string[] args)
    {
        string? aot = null;
        var migrations = 300;
        var cold = 7;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--aot": aot = Path.GetFullPath(args[i + 1]); break;
                case "--migrations": migrations = Math.Clamp(int.Parse(args[i + 1], CultureInfo.InvariantCulture), 100, 5000); break;
                case "--cold": cold = Math.Clamp(int.Parse(args[i + 1], CultureInfo.InvariantCulture), 1, 50); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if (aot is null || !File.Exists(aot))
        {
            throw new ArgumentException("--aot PATH (the published bootstrap) is required");
        }

        var variant = new Variant("Native AOT", aot, new Dictionary<string, string>(), string.Empty);
        await using var peers = await Peers.StartAsync();
        peers.Pool.Script("AdminInitiateAuth", null, ScriptedAnswer.FromUsers.After(OldPoolDelay));
        peers.Pool.Script("AdminGetUser", null, ScriptedAnswer.FromUsers.After(OldPoolDelay));
        Console.WriteLine($"load before: {Machine.LoadAverage()}");

        // Untimed: both maps' first start puts the binary in the page cache.
        await Bench.ColdStartAsync(variant, peers, Peers.MapParameter);
        var sources = new[] { ("AdminGetUser", Peers.MapParameter), ("IdToken", Peers.IdTokenMapParameter) };
        var firsts = sources.ToDictionary(s => s.Item1, _ => new List<double>());
        for (var i = 0; i < cold; i++)
        {
            foreach (var (name, parameter) in i % 2 == 0 ? sources : sources.Reverse())
            {
                firsts[name].Add((await Bench.ColdStartAsync(variant, peers, parameter)).FirstAnswerMs);
            }
        }

        var results = new Dictionary<string, (double Median, double P99, double Calls)>();
        foreach (var (name, parameter) in sources)
        {
            var before = peers.Pool.CallCount();
            var sample = await Bench.WarmAsync(variant, peers, warmup: 10, migrations, loopOnly: 10, parameter);
            var calls = (peers.Pool.CallCount() - before) / (double)migrations;
            results[name] = (Stats.Median(sample.MigrationRoundTripMs), Stats.Percentile(sample.MigrationRoundTripMs, 99), calls);
        }

        Console.WriteLine($"load after: {Machine.LoadAverage()}");
        Console.WriteLine(FormattableString.Invariant($"old pool answers each call after {OldPoolDelay.TotalMilliseconds} ms; {migrations} warm migrations and {cold} cold starts per source"));
        Console.WriteLine("| source | warm migration median | p99 | old-pool calls per migration | cold: exec -> first migration answered (median) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, _) in sources)
        {
            var r = results[name];
            Console.WriteLine(FormattableString.Invariant($"| {name} | {r.Median:F1} ms | {r.P99:F1} ms | {r.Calls:F2} | {Stats.Median(firsts[name]):F1} ms |"));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"IdToken / AdminGetUser: warm median {results["IdToken"].Median / results["AdminGetUser"].Median:F2}, cold first migration {Stats.Median(firsts["IdToken"]) / Stats.Median(firsts["AdminGetUser"]):F2}"));
        return 0;
    }
}
