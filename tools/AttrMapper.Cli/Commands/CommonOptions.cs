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

    /// <summary><c>--rate</c>: calls per second, 1 to 30 (ListUsers' quota: 30/s per account and region, shared).</summary>
    public static Option<int> Rate(int defaultRate, string description)
    {
        var rate = new Option<int>("--rate") { Description = description, DefaultValueFactory = _ => defaultRate };
        rate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 30)
            {
                r.AddError("--rate must be between 1 and 30");
            }
        });
        return rate;
    }

    public static Option<bool> NoProgress() => new("--no-progress") { Description = "Never draw the progress bar (it is drawn only on a terminal, outside CI)" };

    public static Argument<string> MapFile() => new("FILE") { Description = "The map document (JSON, DESIGN.md §4)" };
}
