using Amazon;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using AttrMapper.Aws;

namespace AttrMapper.Parameters;

/// <summary>Reads parameters through the real SSM client (GetParameter, WithDecryption = true).</summary>
public sealed class SsmParameterReader : IParameterReader, IDisposable
{
    private readonly IAmazonSimpleSystemsManagement _ssm;
    private readonly bool _owned;

    public SsmParameterReader(IAmazonSimpleSystemsManagement ssm)
        : this(ssm, owned: false)
    {
    }

    private SsmParameterReader(IAmazonSimpleSystemsManagement ssm, bool owned)
    {
        _ssm = ssm;
        _owned = owned;
    }

    /// <summary>The CLI's way in: the endpoint from its own environment (AWS_ENDPOINT_URL_SSM, then AWS_ENDPOINT_URL).</summary>
    public static SsmParameterReader Create(AWSCredentials credentials, string region, Func<string, string?> environment, TimeSpan? timeout = null) =>
        Create(credentials, region, AwsEndpoints.Override(AwsEndpoints.SsmVariable, environment), timeout);

    /// <summary>
    /// The SSM client for <paramref name="region"/>. An endpoint override (the function's from FunctionOptions) is set
    /// explicitly as ServiceURL (signing region kept) so the choice does not depend on the SDK's own environment handling.
    /// </summary>
    public static SsmParameterReader Create(AWSCredentials credentials, string region, Uri? endpoint, TimeSpan? timeout = null)
    {
        var config = new AmazonSimpleSystemsManagementConfig
        {
            // The cache owns retries and last-known-good: one attempt, bounded.
            MaxErrorRetry = 0,
            Timeout = timeout ?? TimeSpan.FromSeconds(3),
        };
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

        return new SsmParameterReader(new AmazonSimpleSystemsManagementClient(credentials, config), owned: true);
    }

    public IAmazonSimpleSystemsManagement Client => _ssm;

    public async Task<ParameterValue> GetAsync(string name, CancellationToken ct)
    {
        var response = await _ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, ct).ConfigureAwait(false);
        var p = response.Parameter ?? throw new InvalidOperationException("GetParameter returned no parameter.");
        return new ParameterValue(p.Value ?? throw new InvalidOperationException("GetParameter returned no value."), p.Version ?? 0);
    }

    public void Dispose()
    {
        if (_owned)
        {
            _ssm.Dispose();
        }
    }
}
