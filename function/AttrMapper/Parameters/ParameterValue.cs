namespace AttrMapper.Parameters;

/// <summary>A parameter's value and version. The value may be a secret: it never appears in ToString.</summary>
public sealed record ParameterValue(string Value, long Version)
{
    public override string ToString() => $"ParameterValue {{ Version = {Version}, Length = {Value.Length} }}";
}
