using System.Globalization;

namespace AttrMapper.RuntimeBench;

/// <summary>What /proc says about a running process: CPU time (utime + stime) and memory (VmRSS, VmHWM).</summary>
internal static class ProcessProbe
{
    /// <summary>Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ; 100 on every Linux we run on).</summary>
    public static double TicksPerSecond { get; set; } = 100;

    /// <summary>User + system CPU seconds the process has used so far, all its threads (also the ones that ended).</summary>
    public static double CpuSeconds(int pid)
    {
        var (user, system) = CpuSplit(pid);
        return user + system;
    }

    /// <summary>User and system CPU seconds so far, apart: the system share is the kernel's socket and scheduling work.</summary>
    public static (double User, double System) CpuSplit(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces and parentheses; everything after its last ')' is space-separated.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime / TicksPerSecond, stime / TicksPerSecond);
    }

    /// <summary>A VmXXX line of /proc/PID/status in KiB (VmRSS: resident now; VmHWM: peak resident).</summary>
    public static long StatusKiB(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidDataException($"/proc/{pid}/status has no {field}");
    }

    public static int Threads(int pid) => (int)StatusKiB(pid, "Threads");
}
