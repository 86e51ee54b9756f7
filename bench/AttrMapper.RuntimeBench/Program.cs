using System.Globalization;
using AttrMapper.RuntimeBench;

// Usage (scripts/bench-runtime.sh passes all of these):
//   --aot PATH --aot-zip PATH --jit PATH --jit-zip PATH [--dotnet-root DIR] [--bdn DIR] [--out FILE]
//   [--cold N] [--warm-runs N] [--invocations N] [--loop-only N] [--aot-env K=V ...] [--label TEXT] [--commit SHA]
//   or: sources --aot PATH [--migrations N] [--cold N]   (issue 14: AdminGetUser vs IdToken, 20 ms old pool)
//   or: groups --aot PATH [--invocations N] [--runs N]   (issue 11: warm group triggers without a marker)
if (args.Length > 0 && args[0] == "sources")
{
    return await SourceBench.RunAsync(args);
}

if (args.Length > 0 && args[0] == "groups")
{
    return await GroupTriggersBench.RunAsync(args);
}

var options = Options.Parse(args);
ProcessProbe.TicksPerSecond = options.ClockTicks;

var aot = new Variant("Native AOT", options.Aot, options.AotEnvironment, options.AotZip);
var jit = new Variant("JIT (framework-dependent)", options.Jit, new Dictionary<string, string> { ["DOTNET_ROOT"] = options.DotnetRoot }, options.JitZip);
var variants = new[] { aot, jit };
var load = new List<string> { Machine.LoadAverage() };

await using var peers = await Peers.StartAsync();

// One untimed start of each first, so both binaries (and the .NET shared framework) are in the page cache: every
// timed start then measures the process, not the disk.
foreach (var variant in variants)
{
    await Bench.ColdStartAsync(variant, peers);
}

var cold = variants.ToDictionary(v => v, _ => new List<ColdSample>());
Console.WriteLine($"cold starts: {options.Cold} per variant, interleaved");
for (var i = 0; i < options.Cold; i++)
{
    foreach (var variant in i % 2 == 0 ? variants : variants.Reverse())
    {
        var sample = await Bench.ColdStartAsync(variant, peers);
        cold[variant].Add(sample);
        Console.WriteLine(FormattableString.Invariant($"  {variant.Name,-26} #{i + 1,2}: first /next {sample.FirstNextMs,7:F1} ms, first answer {sample.FirstAnswerMs,7:F1} ms"));
    }
}

load.Add(Machine.LoadAverage());
var warm = variants.ToDictionary(v => v, _ => new List<WarmSample>());
Console.WriteLine($"warm: {options.WarmRuns} run(s) per variant of {options.Invocations} migrations + {options.LoopOnly} no-upstream rejects");
for (var i = 0; i < options.WarmRuns; i++)
{
    foreach (var variant in i % 2 == 0 ? variants : variants.Reverse())
    {
        var sample = await Bench.WarmAsync(variant, peers, options.Warmup, options.Invocations, options.LoopOnly);
        warm[variant].Add(sample);
        Console.WriteLine(FormattableString.Invariant(
            $"  {variant.Name,-26} #{i + 1}: migration trip {Stats.Median(sample.MigrationRoundTripMs):F3} ms, loop trip {Stats.Median(sample.LoopRoundTripMs):F3} ms, CPU {sample.CpuPerInvocationUs:F1} µs/inv, VmHWM {sample.PeakRssKiB / 1024.0:F1} MiB, RSS {sample.RssAtBaselineKiB / 1024.0:F1} -> {sample.RssAtEndKiB / 1024.0:F1} MiB (anon {sample.RssAnonKiB / 1024.0:F1}, file {sample.RssFileKiB / 1024.0:F1})"));
    }
}

// The new pool's group triggers without a marker (every sign-in once the migration is done): 0.1 ms, no upstream call.
var groups = new Dictionary<Variant, (Dictionary<string, List<double>> Trips, int UpstreamCalls)>();
foreach (var variant in variants)
{
    var (trips, _, calls) = await GroupTriggersBench.MeasureAsync(variant, peers, options.LoopOnly, options.WarmRuns);
    groups[variant] = (trips, calls);
    Console.WriteLine(FormattableString.Invariant(
        $"  {variant.Name,-26} group triggers, no marker: {string.Join(", ", trips.Select(t => $"{t.Key} {Stats.Median(t.Value):F3} ms"))}; upstream calls {calls}"));
}

load.Add(Machine.LoadAverage());
var handler = options.BdnResults is { } dir ? BdnResults.Read(dir) : [];
var report = Report.Write(options, aot, jit, cold, warm, handler, load, groups);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
await File.WriteAllTextAsync(options.Out, report);
Console.WriteLine($"wrote {options.Out}");
return 0;

internal sealed class Options
{
    public string Aot { get; private set; } = string.Empty;
    public string AotZip { get; private set; } = string.Empty;
    public string Jit { get; private set; } = string.Empty;
    public string JitZip { get; private set; } = string.Empty;
    public string DotnetRoot { get; private set; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "../../.."));
    public string? BdnResults { get; private set; }
    public string Out { get; private set; } = "bench/RUNTIME-RESULTS.md";
    public int Cold { get; private set; } = 20;
    public int WarmRuns { get; private set; } = 3;
    public int Warmup { get; private set; } = 200;
    public int Invocations { get; private set; } = 10_000;
    public int LoopOnly { get; private set; } = 2_000;
    public double ClockTicks { get; private set; } = 100;
    public string Label { get; private set; } = string.Empty;
    public string Commit { get; private set; } = "unknown";
    public Dictionary<string, string> AotEnvironment { get; } = [];
    public List<string> AotEnvironmentText { get; } = [];

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            i++;
            switch (args[i - 1])
            {
                case "--aot": o.Aot = Path.GetFullPath(value); break;
                case "--aot-zip": o.AotZip = Path.GetFullPath(value); break;
                case "--jit": o.Jit = Path.GetFullPath(value); break;
                case "--jit-zip": o.JitZip = Path.GetFullPath(value); break;
                case "--dotnet-root": o.DotnetRoot = value; break;
                case "--bdn": o.BdnResults = value; break;
                case "--out": o.Out = value; break;
                case "--cold": o.Cold = Count(value, 1, 1000); break;
                case "--warm-runs": o.WarmRuns = Count(value, 1, 20); break;
                case "--warmup": o.Warmup = Count(value, 1, 100_000); break;
                case "--invocations": o.Invocations = Count(value, 100, 1_000_000); break;
                case "--loop-only": o.LoopOnly = Count(value, 10, 1_000_000); break;
                case "--clock-ticks": o.ClockTicks = Count(value, 1, 1_000_000); break;
                case "--label": o.Label = value; break;
                case "--commit": o.Commit = value; break;
                case "--aot-env":
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    o.AotEnvironment[value[..eq]] = value[(eq + 1)..];
                    o.AotEnvironmentText.Add(value);
                    break;
                default: throw new ArgumentException($"unknown option {args[i - 1]}");
            }
        }

        foreach (var (name, path) in new[] { ("--aot", o.Aot), ("--aot-zip", o.AotZip), ("--jit", o.Jit), ("--jit-zip", o.JitZip) })
        {
            if (!File.Exists(path))
            {
                throw new ArgumentException($"{name}: no file at '{path}'");
            }
        }

        if (o.Warmup >= o.Invocations / 2)
        {
            throw new ArgumentException("--warmup must be well below --invocations");
        }

        return o;
    }

    private static int Count(string value, int min, int max)
    {
        var n = int.Parse(value, CultureInfo.InvariantCulture);
        return n >= min && n <= max ? n : throw new ArgumentOutOfRangeException(nameof(value), $"{value} is not within {min}..{max}");
    }
}
