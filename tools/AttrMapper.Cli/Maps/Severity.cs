namespace AttrMapper.Cli.Maps;

/// <summary>How bad a finding is: an error makes validate fail (exit 1) and push refuse; a warning is only said.</summary>
internal enum Severity
{
    Error,
    Warning,
}
