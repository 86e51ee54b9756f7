namespace AttrMapper.Parameters;

/// <summary>The old app client's secret, cached like the map.</summary>
public interface ISecretSource
{
    ValueTask<string?> GetAsync(CancellationToken ct);
}
