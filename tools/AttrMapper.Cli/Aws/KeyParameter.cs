using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using AttrMapper.Parameters;

namespace AttrMapper.Cli.Aws;

/// <summary>
/// The function's key (KEY_PARAMETER, a SecureString), read decrypted and parsed by the function's own
/// <see cref="FunctionKey.TryParse"/>. The value is never printed, not even when it is not a key.
/// </summary>
internal sealed class KeyParameter(IAmazonSimpleSystemsManagement ssm, string name)
{
    public async Task<FunctionKey> GetAsync(CancellationToken ct)
    {
        Parameter? parameter;
        try
        {
            var response = await ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, ct).ConfigureAwait(false);
            parameter = response.Parameter;
        }
        catch (Exception e) when (AwsFailures.IsSsmFailure(e) && !ct.IsCancellationRequested)
        {
            throw AwsFailures.FromSsm(e, name);
        }

        if (parameter?.Value is null)
        {
            throw new CliException(ExitCodes.Aws, "aws", $"Parameter Store answered without a value for {name}");
        }

        return FunctionKey.TryParse(parameter.Value, parameter.Version ?? 0)
            ?? throw new CliException(ExitCodes.Usage, "invalid_key", $"{name} does not hold a key (standard base64 of {FunctionKey.MinimumBytes} to {FunctionKey.MaximumBytes} bytes)",
                "give the function's own KEY_PARAMETER: a marker verifies only under the key that made it");
    }
}
