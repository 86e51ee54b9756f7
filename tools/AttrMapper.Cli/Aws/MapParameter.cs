using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace AttrMapper.Cli.Aws;

/// <summary>The stored map: one SSM parameter, read decrypted and written with Overwrite.</summary>
internal sealed class MapParameter(IAmazonSimpleSystemsManagement ssm, string name)
{
    public string Name => name;

    /// <summary>The stored document and its version; <see cref="ExitCodes.NotFound"/> when the parameter does not exist.</summary>
    public async Task<StoredMap> GetAsync(CancellationToken ct) =>
        await TryGetAsync(ct).ConfigureAwait(false)
        ?? throw AwsFailures.FromSsm(new ParameterNotFoundException(string.Empty), name);

    public async Task<StoredMap?> TryGetAsync(CancellationToken ct)
    {
        try
        {
            var response = await ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, ct).ConfigureAwait(false);
            var p = response.Parameter;
            if (p?.Value is null)
            {
                throw new CliException(ExitCodes.Aws, "aws", $"Parameter Store answered without a value for {name}");
            }

            return new StoredMap(p.Value, p.Version ?? 0, p.Type?.Value ?? "String");
        }
        catch (ParameterNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (AwsFailures.IsSsmFailure(e) && !ct.IsCancellationRequested)
        {
            throw AwsFailures.FromSsm(e, name);
        }
    }

    /// <summary>Writes the document; an existing parameter keeps its type (and KMS key), a new one is a String. Returns the new version.</summary>
    public async Task<long> PutAsync(string document, bool exists, CancellationToken ct)
    {
        var request = new PutParameterRequest
        {
            Name = name,
            Value = document,
            Overwrite = true,
            Description = exists ? null : "AttrMapper attribute map (see DESIGN.md section 4)",
        };
        if (!exists)
        {
            request.Type = ParameterType.String;
        }

        try
        {
            var response = await ssm.PutParameterAsync(request, ct).ConfigureAwait(false);
            return response.Version ?? 0;
        }
        catch (Exception e) when (AwsFailures.IsSsmFailure(e) && !ct.IsCancellationRequested)
        {
            throw AwsFailures.FromSsm(e, name);
        }
    }
}
