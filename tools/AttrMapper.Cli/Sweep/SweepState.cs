using System.Text.Json;
using System.Text.Json.Serialization;

namespace AttrMapper.Cli.Sweep;

/// <summary>
/// What a sweep has done, in <c>--out</c>/<see cref="FileName"/>, written (atomically) before and after every step that
/// changes something upstream, so that <c>--resume</c> can tell what is left and never repeats an import.
/// </summary>
internal sealed class SweepState
{
    public const string FileName = "sweep-state.json";

    public int Version { get; set; } = 1;

    /// <summary>Random, fixed for the run; every job's name is derived from it (<see cref="JobName"/>).</summary>
    public required string RunId { get; init; }

    public required string OldPool { get; init; }

    public required string NewPool { get; init; }

    /// <summary>Where the map came from and which version: a resume with another map is refused.</summary>
    public required string Map { get; init; }

    /// <summary>The old pool was listed to the end and every file below is complete.</summary>
    public bool Listed { get; set; }

    /// <summary>Listings done (1 on a fresh run, one more for each resume that had to list again).</summary>
    public int Listings { get; set; }

    public long OldUsers { get; set; }

    public long NewUsers { get; set; }

    /// <summary>The last listing's users not taken, by reason.</summary>
    public Dictionary<string, long> NotTaken { get; set; } = [];

    public List<SweepFile> Files { get; set; } = [];

    /// <summary>The job of file <paramref name="index"/>: deterministic, so a job whose creation was not recorded is found by its name.</summary>
    public static string JobName(string runId, int index) => FormattableString.Invariant($"attrmapper-sweep-{runId}-{index:D4}");

    public static SweepState? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), SweepJsonContext.Default.SweepState)
                ?? throw new JsonException();
        }
        catch (JsonException)
        {
            throw new CliException(ExitCodes.Usage, "file", $"{path} is not a sweep state file", "remove it, or point --out at the sweep's own directory");
        }
    }

    /// <summary>Writes the whole state to a temporary file, flushed, then renames it over the old one: a crash leaves one or the other.</summary>
    public void Save(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, SweepJsonContext.Default.SweepState);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>One import file and its job's progress through the steps.</summary>
internal sealed class SweepFile
{
    public required string Name { get; init; }

    public required string Sha256 { get; init; }

    public required int Users { get; init; }

    public required long Bytes { get; init; }

    /// <summary>The file's index in the run (its job's name carries it).</summary>
    public int Index { get; set; }

    public string Step { get; set; } = SweepSteps.Written;

    public string? JobName { get; set; }

    public string? JobId { get; set; }

    public string? Status { get; set; }

    public long Imported { get; set; }

    public long Skipped { get; set; }

    public long Failed { get; set; }
}

/// <summary>
/// A file's steps, in order. <see cref="Creating"/> and <see cref="Starting"/> are written before the call: after a crash
/// there, the job is looked up by name (ListUserImportJobs) or described, never created or started blind a second time.
/// </summary>
internal static class SweepSteps
{
    public const string Written = "written";
    public const string Creating = "creating";
    public const string Created = "created";
    public const string Uploaded = "uploaded";
    public const string Starting = "starting";
    public const string Started = "started";
    public const string Finished = "finished";

    /// <summary>Its job was created but never started and can no longer be (upload URL expired): nobody was imported; its users are listed again.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>An abandoned file whose users a later listing wrote into new files.</summary>
    public const string Replaced = "replaced";
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SweepState))]
internal sealed partial class SweepJsonContext : JsonSerializerContext;
