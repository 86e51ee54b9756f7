namespace AttrMapper.Parameters;

/// <summary>One read of a Parameter Store parameter, decrypted.</summary>
internal interface IParameterReader
{
    Task<ParameterValue> GetAsync(string name, CancellationToken ct);
}
