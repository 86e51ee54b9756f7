using System.Globalization;
using System.Text;

namespace AttrMapper.RuntimeBench;

/// <summary>Writes bench/RUNTIME-RESULTS.md from the measured samples; every figure in it comes from this run.</summary>
internal static class Report
{
    // DESIGN.md §8. MB is read as 10^6 bytes, the stricter reading.
    private const double FirstNextBudgetMs = 30;
    private const double FirstAnswerBudgetMs = 40;
    private const double WarmBudgetMs = 0.3;
    private const double GroupTriggerBudgetMs = 0.1;
    private const double OwnWorkBudgetUs = 50;
    private const double PeakRssBudgetBytes = 40e6;
    private const double ZipBudgetBytes = 6e6;

    /// <summary>RSS may move this much between the baseline and the end and still count as "no growth" (GC heap breathing).</summary>
    private const double GrowthToleranceMiB = 1;

    public static string Write(
        Options options,
        Variant aot,
        Variant jit,
        Dictionary<Variant, List<ColdSample>> cold,
        Dictionary<Variant, List<WarmSample>> warm,
        List<BdnFigure> handler,
        List<string> load,
        Dictionary<Variant, (Dictionary<string, List<double>> Trips, int UpstreamCalls)> groups)
    {
        double ColdMedian(Variant v, Func<ColdSample, double> pick) => Stats.Median(cold[v].Select(pick));
        double WarmMedian(Variant v, Func<WarmSample, double> pick) => Stats.Median(warm[v].Select(pick));

        var firstNext = (ColdMedian(aot, s => s.FirstNextMs), ColdMedian(jit, s => s.FirstNextMs));
        var firstAnswer = (ColdMedian(aot, s => s.FirstAnswerMs), ColdMedian(jit, s => s.FirstAnswerMs));
        var trip = (WarmMedian(aot, s => Stats.Median(s.MigrationRoundTripMs)), WarmMedian(jit, s => Stats.Median(s.MigrationRoundTripMs)));
        var loop = (WarmMedian(aot, s => Stats.Median(s.LoopRoundTripMs)), WarmMedian(jit, s => Stats.Median(s.LoopRoundTripMs)));
        var cpu = (WarmMedian(aot, s => s.CpuPerInvocationUs), WarmMedian(jit, s => s.CpuPerInvocationUs));
        var peak = (WarmMedian(aot, s => s.PeakRssKiB * 1024.0), WarmMedian(jit, s => s.PeakRssKiB * 1024.0));
        var growth = (
            warm[aot].Max(s => (s.RssAtEndKiB - s.RssAtBaselineKiB) / 1024.0),
            warm[jit].Max(s => (s.RssAtEndKiB - s.RssAtBaselineKiB) / 1024.0));
        var lateGrowth = (
            warm[aot].Max(s => (s.RssAtEndKiB - s.RssAtHalf.KiB) / 1024.0),
            warm[jit].Max(s => (s.RssAtEndKiB - s.RssAtHalf.KiB) / 1024.0));
        var worstPeak = (warm[aot].Max(s => s.PeakRssKiB * 1024.0), warm[jit].Max(s => s.PeakRssKiB * 1024.0));
        var half = warm[aot][0].RssAtHalf.At;
        var zip = ((double)new FileInfo(aot.Zip).Length, (double)new FileInfo(jit.Zip).Length);

        var md = new StringBuilder();
        md.AppendLine("# Runtime benchmark results (DESIGN.md §8)");
        md.AppendLine();
        md.AppendLine("Written by `make bench-runtime` (`scripts/bench-runtime.sh` → `bench/AttrMapper.RuntimeBench`); every figure below comes from");
        md.AppendLine("that run. Do not edit by hand: re-run it.");
        md.AppendLine();
        md.AppendLine(Inv($"- Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; commit `{options.Commit}`{(options.Label.Length > 0 ? "; " + options.Label : string.Empty)}"));
        md.AppendLine(Inv($"- Machine: {Machine.Cpu()}; {Machine.Os()}"));
        md.AppendLine(Inv($"- **Load**: the 2 cores may be shared with other work (CI, builds); load average (1/5/15 min) at start, after the cold starts, at the end: {string.Join(" | ", load)}. Medians are used throughout for that reason."));
        md.AppendLine(Inv($"- AOT: `{Relative(aot.Executable)}` ({Bytes(new FileInfo(aot.Executable).Length)}), zip `{Relative(aot.Zip)}`{(options.AotEnvironmentText.Count > 0 ? "; extra environment " + string.Join(' ', options.AotEnvironmentText.Select(e => "`" + e + "`")) : string.Empty)}"));
        md.AppendLine(Inv($"- JIT: the same code, `dotnet publish -p:PublishAot=false --self-contained false`, exec'd through its apphost `{Relative(jit.Executable)}` with `DOTNET_ROOT`; zip `{Relative(jit.Zip)}`"));
        md.AppendLine(Inv($"- Peers, all on 127.0.0.1 in the harness process (Kestrel): Runtime API, `ScriptedOldPool` (old pool), `LocalParameterStore` (SSM). Event: a sign-in that migrates (AdminInitiateAuth + AdminGetUser, 7-rule map)."));
        md.AppendLine(Inv($"- Cold: {options.Cold} starts per variant, AOT and JIT interleaved; the event is queued before exec, as in Lambda; one untimed start of each first, so the files are in the page cache. Warm: {options.WarmRuns} container(s) per variant, each {options.Warmup} warm-up + {options.Invocations - options.Warmup} measured migrations, then {options.LoopOnly} events from another pool (rejected with no upstream call)."));
        md.AppendLine();
        md.AppendLine("## Against the budgets");
        md.AppendLine();
        md.AppendLine("| figure | AOT | JIT | JIT ÷ AOT | §8 budget | met? |");
        md.AppendLine("|---|---:|---:|---:|---|---|");
        Row(md, "exec → first `GET /next` (median)", Ms(firstNext.Item1), Ms(firstNext.Item2), Ratio(firstNext), "≤ 30 ms median", Met(firstNext.Item1 <= FirstNextBudgetMs));
        Row(md, "exec → first migration answered (median)", Ms(firstAnswer.Item1), Ms(firstAnswer.Item2), Ratio(firstAnswer), "≤ 40 ms median", Met(firstAnswer.Item1 <= FirstAnswerBudgetMs));
        Row(md, "warm `/next` → `/next`, migration with 2 old-pool calls (median)", Ms(trip.Item1, 3), Ms(trip.Item2, 3), Ratio(trip), "≤ 0.3 ms median", Met(trip.Item1 <= WarmBudgetMs));
        Row(md, "warm `/next` → `/next`, no upstream call (loop + Runtime API only)", Ms(loop.Item1, 3), Ms(loop.Item2, 3), Ratio(loop), "(share of the 0.3 ms)", "—");
        foreach (var kind in GroupTriggersBench.KindNames.Take(2))
        {
            var g = (Stats.Median(groups[aot].Trips[kind]), Stats.Median(groups[jit].Trips[kind]));
            var calls = groups[aot].UpstreamCalls + groups[jit].UpstreamCalls;
            Row(md, Inv($"warm `/next` → `/next`, {kind} (median; {calls} upstream calls)"), Ms(g.Item1, 3), Ms(g.Item2, 3), Ratio(g), "≤ 0.1 ms median, no upstream call",
                Met(g.Item1 <= GroupTriggerBudgetMs && calls == 0));
        }

        Row(md, "CPU per invocation, utime+stime ÷ invocations (incl. HTTP to Runtime API and old pool)", Us(cpu.Item1), Us(cpu.Item2), Ratio(cpu), "(network included: not the 50 µs figure)", "—");

        var bdnAot = handler.Where(f => f.Runtime == "Native AOT").ToDictionary(f => f.Method);
        var bdnJit = handler.Where(f => f.Runtime == "JIT").ToDictionary(f => f.Method);
        foreach (var method in handler.Select(f => f.Method).Distinct())
        {
            var a = bdnAot.GetValueOrDefault(method);
            var j = bdnJit.GetValueOrDefault(method);
            var title = (a ?? j)!.Title;
            var judged = a ?? j!;
            Row(md, $"own work per invocation, network excluded, in-process (BenchmarkDotNet median): {title}",
                a is null ? "not run" : Us(a.MedianNs / 1000), j is null ? "not run" : Us(j.MedianNs / 1000),
                a is null || j is null ? "—" : Ratio((a.MedianNs, j.MedianNs)),
                "≤ 50 µs", Met(judged.MedianNs / 1000 <= OwnWorkBudgetUs) + (a is null ? " (JIT figure)" : string.Empty));
        }

        if (handler.Count == 0)
        {
            Row(md, "own work per invocation, network excluded (BenchmarkDotNet)", "not run", "not run", "—", "≤ 50 µs", "not measured in this run");
        }

        Row(md, Inv($"peak RSS (VmHWM) after {options.Invocations:N0} invocations (median of runs)"), MiB(peak.Item1), MiB(peak.Item2), Ratio(peak), "≤ 40 MB", Met(peak.Item1 <= PeakRssBudgetBytes));
        Row(md, "peak RSS (VmHWM), worst run", MiB(worstPeak.Item1), MiB(worstPeak.Item2), Ratio(worstPeak), "≤ 40 MB", Met(worstPeak.Item1 <= PeakRssBudgetBytes));
        Row(md, Inv($"RSS growth, invocation {options.Warmup + (options.Invocations / 10):N0} → {options.Invocations:N0} (worst run)"), Inv($"{growth.Item1:+0.0;-0.0;0.0} MiB"), Inv($"{growth.Item2:+0.0;-0.0;0.0} MiB"), "—", "no growth", Met(growth.Item1 <= GrowthToleranceMiB) + Inv($" (tolerance {GrowthToleranceMiB} MiB)"));
        Row(md, Inv($"RSS growth, second half: invocation {half:N0} → {options.Invocations:N0} (worst run)"), Inv($"{lateGrowth.Item1:+0.0;-0.0;0.0} MiB"), Inv($"{lateGrowth.Item2:+0.0;-0.0;0.0} MiB"), "—", "no growth", Met(lateGrowth.Item1 <= GrowthToleranceMiB) + Inv($" (tolerance {GrowthToleranceMiB} MiB)"));
        Row(md, "deployment zip", Bytes(zip.Item1), Bytes(zip.Item2) + " ¹", Ratio(zip), "≤ 6 MB", Met(zip.Item1 <= ZipBudgetBytes));
        md.AppendLine();
        md.AppendLine("Met/MISSED judges the AOT figure: that is what is deployed. MB = 10⁶ bytes, MiB = 2²⁰ bytes.");
        md.AppendLine();
        md.AppendLine("¹ The JIT zip holds only the app's assemblies: it needs a .NET 10 runtime on the host, which `provided.al2023` does not have");
        md.AppendLine("(a self-contained JIT publish would carry the whole runtime, tens of MB).");
        md.AppendLine();

        md.AppendLine("## What the figures are made of");
        md.AppendLine();
        md.AppendLine(Inv($"- Warm round trip: of the AOT migration's {trip.Item1:F3} ms, {loop.Item1:F3} ms is the Runtime API exchange and the loop alone (an event rejected without upstream calls); the other {trip.Item1 - loop.Item1:F3} ms are the two old-pool HTTP calls (SigV4-signed requests to the scripted pool, which runs in the harness process on the same two cores, so its own request handling is inside this figure too)."));
        var aotWarm = warm[aot];
        md.AppendLine(Inv($"- CPU: the AOT process spends {cpu.Item1:F0} µs per migration, of it {Stats.Median(aotWarm.Select(s => s.SystemSharePercent)):F0} % in the kernel (system time: loopback sockets, epoll, thread wake-ups for four HTTP exchanges per invocation); JIT {cpu.Item2:F0} µs ({Stats.Median(warm[jit].Select(s => s.SystemSharePercent)):F0} % system)."));
        if (bdnJit.TryGetValue("HandleInMemoryAndLog", out var own) && bdnJit.TryGetValue("HandleSignedAndLog", out var signed))
        {
            var sign = bdnJit.GetValueOrDefault("SignOneRequest");
            md.AppendLine(Inv($"- Own work in-process (JIT): the handler with an in-memory old pool and the log line is {own.MedianNs / 1000:F1} µs; with the real Cognito client over in-memory HTTP it is {signed.MedianNs / 1000:F1} µs, so the client (request JSON, two SigV4 signatures{(sign is null ? string.Empty : Inv($" at {sign.MedianNs / 1000:F1} µs and {sign.AllocatedBytes:N0} B each"))}, HttpClient pipeline, response read and parse) adds {(signed.MedianNs - own.MedianNs) / 1000:F1} µs and {(signed.AllocatedBytes - own.AllocatedBytes) / 1024.0:F1} KiB per invocation."));
        }

        md.AppendLine(Inv($"- Memory: of the AOT container's resident memory at the end, {Stats.Median(aotWarm.Select(s => s.RssFileKiB / 1024.0)):F1} MiB are file-backed pages (the {new FileInfo(aot.Executable).Length / 1e6:F1} MB executable and libc mapped in) and {Stats.Median(aotWarm.Select(s => s.RssAnonKiB / 1024.0)):F1} MiB anonymous (GC heap, stacks of {Stats.Median(aotWarm.Select(s => (double)s.Threads)):F0} threads, native allocations)."));
        md.AppendLine();
        md.AppendLine("## Distributions");
        md.AppendLine();
        md.AppendLine("| figure | variant | n | min | median | p90 | max |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var v in new[] { aot, jit })
        {
            Dist(md, "exec → first `GET /next` (ms)", v, cold[v].Select(s => s.FirstNextMs).ToArray(), 1);
        }

        foreach (var v in new[] { aot, jit })
        {
            Dist(md, "exec → first answer (ms)", v, cold[v].Select(s => s.FirstAnswerMs).ToArray(), 1);
        }

        foreach (var v in new[] { aot, jit })
        {
            Dist(md, "warm migration `/next`→`/next` (ms, all runs)", v, warm[v].SelectMany(s => s.MigrationRoundTripMs).ToArray(), 3);
        }

        foreach (var v in new[] { aot, jit })
        {
            Dist(md, "warm no-upstream `/next`→`/next` (ms, all runs)", v, warm[v].SelectMany(s => s.LoopRoundTripMs).ToArray(), 3);
        }

        md.AppendLine();
        md.AppendLine("## Warm containers, run by run");
        md.AppendLine();
        md.AppendLine("| variant | run | migration trip median / p99 (ms) | no-upstream trip median (ms) | CPU µs/invocation (system share) | VmRSS after each tenth (MiB) | VmHWM (MiB) | RssAnon / RssFile at end (MiB) | threads |");
        md.AppendLine("|---|---:|---|---:|---:|---|---:|---|---:|");
        foreach (var v in new[] { aot, jit })
        {
            var n = 0;
            foreach (var s in warm[v])
            {
                md.AppendLine(Inv($"| {v.Name} | {++n} | {Stats.Median(s.MigrationRoundTripMs):F3} / {Stats.Percentile(s.MigrationRoundTripMs, 99):F3} | {Stats.Median(s.LoopRoundTripMs):F3} | {s.CpuPerInvocationUs:F1} ({s.SystemSharePercent:F0} %) | {string.Join(" ", s.Rss.Select(r => (r.KiB / 1024.0).ToString("F1", CultureInfo.InvariantCulture)))} | {s.PeakRssKiB / 1024.0:F1} | {s.RssAnonKiB / 1024.0:F1} / {s.RssFileKiB / 1024.0:F1} | {s.Threads} |"));
            }
        }

        if (handler.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## In-process handler (BenchmarkDotNet, `bench/AttrMapper.Benchmarks/HandlerBenchmarks.cs`)");
            md.AppendLine();
            md.AppendLine("| benchmark | runtime | median | mean | allocated |");
            md.AppendLine("|---|---|---:|---:|---:|");
            foreach (var f in handler)
            {
                md.AppendLine(Inv($"| {f.Title} | {f.Runtime} | {f.MedianNs / 1000:F2} µs | {f.MeanNs / 1000:F2} µs | {(f.AllocatedBytes < 0 ? "?" : f.AllocatedBytes.ToString("N0", CultureInfo.InvariantCulture) + " B")} |"));
            }
        }

        return md.ToString();
    }

    private static void Row(StringBuilder md, string figure, string a, string j, string ratio, string budget, string met) =>
        md.AppendLine($"| {figure} | {a} | {j} | {ratio} | {budget} | {met} |");

    private static void Dist(StringBuilder md, string figure, Variant v, double[] values, int digits)
    {
        var f = "F" + digits.ToString(CultureInfo.InvariantCulture);
        md.AppendLine(Inv($"| {figure} | {v.Name} | {values.Length} | {values.Min().ToString(f, CultureInfo.InvariantCulture)} | {Stats.Median(values).ToString(f, CultureInfo.InvariantCulture)} | {Stats.Percentile(values, 90).ToString(f, CultureInfo.InvariantCulture)} | {values.Max().ToString(f, CultureInfo.InvariantCulture)} |"));
    }

    private static string Met(bool met) => met ? "met" : "**MISSED**";

    private static string Ms(double ms, int digits = 1) => ms.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " ms";

    private static string Us(double us) => us.ToString("F1", CultureInfo.InvariantCulture) + " µs";

    private static string MiB(double bytes) => Inv($"{bytes / 1024 / 1024:F1} MiB ({bytes / 1e6:F1} MB)");

    private static string Bytes(double bytes) => Inv($"{bytes / 1e6:F2} MB ({bytes:N0} B)");

    private static string Ratio((double Aot, double Jit) pair) => pair.Aot > 0 ? Inv($"{pair.Jit / pair.Aot:F1}×") : "—";

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
