using System.CommandLine;

namespace AttrMapper.Cli.Commands;

/// <summary>Options several commands share, spelled and described once.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Write one JSON document to stdout for programs (errors too)" };

    public static Option<string> Parameter(bool required) => new("--parameter", "-p")
    {
        Description = "SSM parameter holding the map, e.g. /attrmapper/map (region: AWS_REGION)",
        Required = required,
    };

    public static Argument<string> MapFile() => new("FILE") { Description = "The map document (JSON, DESIGN.md §4)" };
}
