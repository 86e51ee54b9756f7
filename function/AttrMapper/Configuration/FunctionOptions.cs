using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using AttrMapper.Aws;

namespace AttrMapper.Configuration;

/// <summary>
/// The function's whole configuration (DESIGN.md §3), read and validated once at init: every variable the function itself
/// reads, the endpoint overrides and regions included, so nothing else reads the environment and every bad setting is an
/// init error naming its variable. (Credentials and AWS_LAMBDA_RUNTIME_API are the SDK's and the loop's own.)
/// </summary>
internal sealed partial record FunctionOptions
{
    public required string OldUserPoolId { get; init; }
    public required string OldClientId { get; init; }
    public string? OldClientSecretParameter { get; init; }
    public string? OldPoolRoleArn { get; init; }
    public string? OldPoolExternalId { get; init; }
    public required string MapParameterName { get; init; }
    public TimeSpan MapCacheTtl { get; init; } = TimeSpan.FromSeconds(60);
    public string? NewUserPoolId { get; init; }
    public TimeSpan MigrationDeadline { get; init; } = TimeSpan.FromMilliseconds(4000);
    public AliasAttributes AliasLookup { get; init; }
    public bool LogUsernames { get; init; }

    /// <summary>KEY_PARAMETER: the SecureString parameter holding the function's own secret key (<c>FunctionKey</c>).</summary>
    public string? KeyParameter { get; init; }

    /// <summary>AWS_REGION: where the function runs, so where its parameters live and STS is called; else the old pool's region.</summary>
    public string? AwsRegion { get; init; }

    /// <summary>AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, else AWS_ENDPOINT_URL; null: the regional Cognito endpoint.</summary>
    public Uri? CognitoEndpoint { get; init; }

    /// <summary>AWS_ENDPOINT_URL_SSM, else AWS_ENDPOINT_URL; null: the regional Parameter Store endpoint.</summary>
    public Uri? SsmEndpoint { get; init; }

    /// <summary>AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL; null: the regional STS endpoint.</summary>
    public Uri? StsEndpoint { get; init; }

    /// <summary>The old pool's region: the part of its id before the underscore.</summary>
    public string OldPoolRegion => AwsEndpoints.RegionOfPool(OldUserPoolId);

    /// <summary>The function's own region (Parameter Store, STS): AWS_REGION, else the old pool's.</summary>
    public string Region => AwsRegion ?? OldPoolRegion;

    /// <summary>Where old-pool calls go: the Cognito override, else the old pool's regional endpoint.</summary>
    public Uri OldPoolEndpoint => AwsEndpoints.Cognito(OldPoolRegion, CognitoEndpoint);

    public static FunctionOptions FromEnvironment() => FromVariables(ReadEnvironment());

    /// <summary>Builds the options; the first bad variable throws <see cref="ConfigurationException"/> naming it.</summary>
    public static FunctionOptions FromVariables(IReadOnlyDictionary<string, string> env)
    {
        var roleArn = Optional(env, "OLD_POOL_ROLE_ARN", RoleArn(), "must be an IAM role ARN (arn:aws:iam::123456789012:role/name)");
        var externalId = Optional(env, "OLD_POOL_EXTERNAL_ID", ExternalId(), "must be 2-1224 characters of [\\w+=,.@:/-]");
        if (externalId is not null && roleArn is null)
        {
            throw new ConfigurationException("OLD_POOL_EXTERNAL_ID", "is set but OLD_POOL_ROLE_ARN is not");
        }

        var globalEndpoint = Endpoint(env, AwsEndpoints.GlobalVariable);
        return new FunctionOptions
        {
            OldUserPoolId = Required(env, "OLD_USER_POOL_ID", PoolId(), "must be a user pool id like eu-west-1_AbC123"),
            OldClientId = Required(env, "OLD_CLIENT_ID", ClientId(), "must be an app client id (1-128 of [A-Za-z0-9+])"),
            OldClientSecretParameter = Optional(env, "OLD_CLIENT_SECRET_PARAMETER", ParameterName(), "must be a Parameter Store name or ARN"),
            OldPoolRoleArn = roleArn,
            OldPoolExternalId = externalId,
            MapParameterName = Required(env, "MAP_PARAMETER_NAME", ParameterName(), "must be a Parameter Store name or ARN"),
            MapCacheTtl = TimeSpan.FromSeconds(Integer(env, "MAP_CACHE_TTL_SECONDS", 60, 0, 86_400)),
            NewUserPoolId = Optional(env, "NEW_USER_POOL_ID", PoolId(), "must be a user pool id like eu-west-1_AbC123"),
            MigrationDeadline = TimeSpan.FromMilliseconds(Integer(env, "MIGRATION_DEADLINE_MS", 4000, 100, 4900)),
            AliasLookup = Alias(env),
            LogUsernames = Boolean(env, "LOG_USERNAMES"),
            KeyParameter = Optional(env, "KEY_PARAMETER", ParameterName(), "must be a Parameter Store name or ARN"),
            AwsRegion = Optional(env, "AWS_REGION", RegionName(), "must be an AWS region like eu-west-1"),
            CognitoEndpoint = Endpoint(env, AwsEndpoints.CognitoVariable) ?? globalEndpoint,
            SsmEndpoint = Endpoint(env, AwsEndpoints.SsmVariable) ?? globalEndpoint,
            StsEndpoint = Endpoint(env, AwsEndpoints.StsVariable) ?? globalEndpoint,
        };
    }

    private static Dictionary<string, string> ReadEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                env[key] = value;
            }
        }

        return env;
    }

    private static string Required(IReadOnlyDictionary<string, string> env, string name, Regex shape, string expectation) =>
        Optional(env, name, shape, expectation) ?? throw new ConfigurationException(name, "is required but not set");

    private static string? Optional(IReadOnlyDictionary<string, string> env, string name, Regex shape, string expectation)
    {
        if (!env.TryGetValue(name, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var value = raw.Trim();
        return shape.IsMatch(value) ? value : throw new ConfigurationException(name, expectation);
    }

    /// <summary>An endpoint override; each variable is checked on its own, so a bad one is reported even when a more specific one hides it.</summary>
    private static Uri? Endpoint(IReadOnlyDictionary<string, string> env, string name)
    {
        if (!env.TryGetValue(name, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return AwsEndpoints.TryParse(raw, out var uri) ? uri : throw new ConfigurationException(name, "must be an absolute http or https URL");
    }

    private static int Integer(IReadOnlyDictionary<string, string> env, string name, int fallback, int min, int max)
    {
        if (!env.TryGetValue(name, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        return int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ConfigurationException(name, $"must be a whole number from {min} to {max}");
    }

    private static bool Boolean(IReadOnlyDictionary<string, string> env, string name)
    {
        if (!env.TryGetValue(name, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }

        return raw.Trim().ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            _ => throw new ConfigurationException(name, "must be true or false"),
        };
    }

    private static AliasAttributes Alias(IReadOnlyDictionary<string, string> env) =>
        env.TryGetValue("ALIAS_LOOKUP", out var raw) ? ParseAliasLookup(raw) : AliasAttributes.None;

    /// <summary>ALIAS_LOOKUP's vocabulary (also the CLI's <c>preview --alias-lookup</c>): off, email, phone_number, email,phone_number.</summary>
    public static AliasAttributes ParseAliasLookup(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return AliasAttributes.None;
        }

        var result = AliasAttributes.None;
        foreach (var part in raw.Split(',', StringSplitOptions.TrimEntries))
        {
            result |= part switch
            {
                "off" when raw.Trim() == "off" => AliasAttributes.None,
                "email" => AliasAttributes.Email,
                "phone_number" => AliasAttributes.PhoneNumber,
                _ => throw new ConfigurationException("ALIAS_LOOKUP", "must be off, email, phone_number or email,phone_number"),
            };
        }

        return result;
    }

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+_[0-9A-Za-z]+$")]
    private static partial Regex PoolId();

    [GeneratedRegex(@"^[\w+]{1,128}$")]
    private static partial Regex ClientId();

    [GeneratedRegex(@"^(arn:aws[\w-]*:ssm:[a-z0-9-]+:\d{12}:parameter)?(/?[\w.-]+)+$")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"^arn:aws[\w-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalId();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+$")]
    private static partial Regex RegionName();
}
