using AttrMapper.Mapping;

namespace AttrMapper.Cli.Sweep;

/// <summary>One sweep's inputs, checked by the command before anything is listed.</summary>
/// <param name="MapSource">Where the map came from, with its version or hash: recorded in the state, a resume must match it.</param>
/// <param name="Key">KEY_PARAMETER's value and version when the map has groups (never printed).</param>
internal sealed record SweepSettings(
    string OldPool,
    string NewPool,
    AttributeMap Map,
    string MapSource,
    string Out,
    string? LogsRoleArn,
    bool DryRun,
    bool Resume,
    (string Value, long Version)? Key,
    int ListUsersPerSecond,
    ImportFileLimits Limits,
    TimeSpan PollInterval);
