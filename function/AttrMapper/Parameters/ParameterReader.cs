namespace AttrMapper.Parameters;

/// <summary>One read of a Parameter Store parameter, decrypted.</summary>
internal interface IParameterReader
{
    Task<ParameterValue> GetAsync(string name, CancellationToken ct);
}

/// <summary>A parameter's value and version. The value may be a secret: it never appears in ToString.</summary>
internal sealed record ParameterValue(string Value, long Version)
{
    public override string ToString() => $"ParameterValue {{ Version = {Version}, Length = {Value.Length} }}";
}
