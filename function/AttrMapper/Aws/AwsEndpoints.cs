namespace AttrMapper.Aws;

/// <summary>
/// Resolves service endpoints the way the AWS SDKs do: service-specific variable, then the global one, else the public
/// endpoint. The function reads them once, through <c>FunctionOptions</c>; the environment-reading overloads serve the CLI.
/// </summary>
public static class AwsEndpoints
{
    public const string GlobalVariable = "AWS_ENDPOINT_URL";
    public const string CognitoVariable = "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER";
    public const string SsmVariable = "AWS_ENDPOINT_URL_SSM";
    public const string StsVariable = "AWS_ENDPOINT_URL_STS";

    /// <summary>The override for one service, or null when none is set (then the SDK's own regional endpoint applies).</summary>
    public static Uri? Override(string serviceVariable, Func<string, string?> environment)
    {
        var raw = NonEmpty(environment(serviceVariable)) ?? NonEmpty(environment(GlobalVariable));
        if (raw is null)
        {
            return null;
        }

        if (!TryParse(raw, out var uri))
        {
            throw new ArgumentException($"{serviceVariable} / {GlobalVariable} is not an absolute http(s) URL.");
        }

        return uri;
    }

    /// <summary>An endpoint override's value: an absolute http or https URL with a host.</summary>
    public static bool TryParse(string? raw, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(raw)
            || !Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
            || parsed.Host.Length == 0)
        {
            return false;
        }

        uri = parsed;
        return true;
    }

    public static Uri Cognito(string region, Func<string, string?> environment) =>
        Cognito(region, Override(CognitoVariable, environment));

    /// <summary>The override when there is one, else the regional Cognito endpoint.</summary>
    public static Uri Cognito(string region, Uri? endpointOverride) =>
        endpointOverride ?? new Uri($"https://cognito-idp.{region}.amazonaws.com/");

    /// <summary>The region of a user pool is the part of its id before the underscore (eu-west-1_AbC123).</summary>
    public static string RegionOfPool(string userPoolId)
    {
        var cut = userPoolId.IndexOf('_', StringComparison.Ordinal);
        if (cut <= 0 || cut == userPoolId.Length - 1)
        {
            throw new ArgumentException("A user pool id looks like <region>_<id>.", nameof(userPoolId));
        }

        return userPoolId[..cut];
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
