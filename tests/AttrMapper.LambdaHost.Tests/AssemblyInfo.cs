// The host and these tests drive real child processes, POSIX signals and /proc: Linux only, like Lambda itself.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
