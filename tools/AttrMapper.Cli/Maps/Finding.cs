namespace AttrMapper.Cli.Maps;

/// <summary>How bad a finding is: an error makes validate fail (exit 1) and push refuse; a warning is only said.</summary>
internal enum Severity
{
    Error,
    Warning,
}

/// <summary>One thing validate reports about a map: where (JSON path), what, and how to fix it.</summary>
internal sealed record Finding(Severity Severity, string Path, string Message, string Hint);
