using System.Text;
using AttrMapper.Cli.Aws;
using AttrMapper.Cli.Maps;

namespace AttrMapper.Cli.Commands;

/// <summary>
/// The map a command runs with, given as exactly one of <c>--map FILE</c> or <c>--parameter NAME</c> (preview, groups
/// settle, sweep): read and parsed, with where it came from. Read before any pool is touched, so a bad map costs no call.
/// </summary>
/// <param name="Bytes">The document as read: a sweep identifies a file map by their hash.</param>
/// <param name="Source">For messages: the file's path, or <c>NAME version N</c>.</param>
internal sealed record MapChoice(LoadedDocument Document, byte[] Bytes, string Source, string? File, string? Parameter)
{
    /// <summary>Usage error (exit 2) unless exactly one of the two was given.</summary>
    public static void RequireOne(string? file, string? parameter, string? hint = null)
    {
        if ((file is null) == (parameter is null))
        {
            throw CliException.Usage("give exactly one of --map FILE or --parameter NAME", hint);
        }
    }

    /// <summary>Reads the file, or the parameter (GetParameter in <paramref name="region"/>); does not judge the map.</summary>
    public static async Task<MapChoice> ReadAsync(AwsSession session, string? file, string? parameter, string region, CancellationToken ct)
    {
        RequireOne(file, parameter);
        if (file is not null)
        {
            var bytes = MapFile.Read(file);
            return new MapChoice(LoadedDocument.From(bytes), bytes, file, file, null);
        }

        var stored = await new MapParameter(session.Ssm(region), parameter!).GetAsync(ct).ConfigureAwait(false);
        var document = Encoding.UTF8.GetBytes(stored.Document);
        return new MapChoice(LoadedDocument.From(document), document, $"{parameter} version {stored.Version}", null, parameter);
    }

    /// <summary>How the operator sees every problem of this map.</summary>
    public string ValidateCommand =>
        File is not null ? $"attrmapper map validate {File}" : $"attrmapper map pull --parameter {Parameter} | attrmapper map validate /dev/stdin";
}
