namespace AttrMapper.Cli.Maps;

/// <summary>One thing validate reports about a map: where (JSON path), what, and how to fix it.</summary>
internal sealed record Finding(Severity Severity, string Path, string Message, string Hint);
