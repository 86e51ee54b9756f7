
namespace AttrMapper.Cli.Maps;

/// <summary>Reads a map document from disk, bounded: a parameter holds at most 8 KB, so anything near a megabyte is a wrong file.</summary>
internal static class MapFile
{
    public const int MaxBytes = 1024 * 1024;

    public static byte[] Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CliException(ExitCodes.Usage, "file", $"{path}: no such file", "give the path of a map document (JSON)");
            }

            if (info.Length > MaxBytes)
            {
                throw new CliException(ExitCodes.Usage, "file", $"{path}: {info.Length} bytes is far larger than any map", "a map parameter holds at most 8 KB");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException(ExitCodes.Usage, "file", $"{path}: cannot be read ({e.GetType().Name})", "check the path and its permissions");
        }
    }
}
