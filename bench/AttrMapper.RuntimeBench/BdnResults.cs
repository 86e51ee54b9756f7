using System.Text.Json;

namespace AttrMapper.RuntimeBench;

/// <summary>One in-process BenchmarkDotNet figure (HandlerBenchmarks), read from its JSON export.</summary>
internal sealed record BdnFigure(string Method, string Title, double MedianNs, double MeanNs, long AllocatedBytes, string Runtime);

internal static class BdnResults
{
    /// <summary>Every benchmark in the *-report-full*.json files of <paramref name="directory"/>.</summary>
    public static List<BdnFigure> Read(string directory)
    {
        var figures = new List<BdnFigure>();
        if (!Directory.Exists(directory))
        {
            return figures;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*HandlerBenchmarks-report-full*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            var runtime = json.RootElement.TryGetProperty("HostEnvironmentInfo", out var host) && host.TryGetProperty("RuntimeVersion", out var rv)
                ? rv.GetString() ?? string.Empty
                : string.Empty;
            foreach (var b in json.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                var stats = b.GetProperty("Statistics");
                var allocated = b.TryGetProperty("Memory", out var memory) ? memory.GetProperty("BytesAllocatedPerOperation").GetInt64() : -1;
                var job = b.GetProperty("DisplayInfo").GetString() ?? string.Empty;
                figures.Add(new BdnFigure(
                    b.GetProperty("Method").GetString() ?? "?",
                    (b.GetProperty("MethodTitle").GetString() ?? "?").Trim('\''),
                    stats.GetProperty("Median").GetDouble(),
                    stats.GetProperty("Mean").GetDouble(),
                    allocated,
                    job.Contains("NativeAOT", StringComparison.OrdinalIgnoreCase) ? "Native AOT" : "JIT"));
            }
        }

        return figures;
    }
}
