using System.Runtime.InteropServices;

namespace AttrMapper.RuntimeBench;

/// <summary>What the results file says about where it was measured.</summary>
internal static class Machine
{
    public static string LoadAverage() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "?";

    public static string Cpu()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{model ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} logical cores";
    }

    public static string Os() => $"{RuntimeInformation.OSDescription}; harness on .NET {Environment.Version}";
}
