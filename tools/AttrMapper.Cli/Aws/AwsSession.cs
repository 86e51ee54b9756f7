using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SimpleSystemsManagement;
using AttrMapper.Aws;
using AttrMapper.Cognito;
using AttrMapper.Groups;
using AttrMapper.Parameters;

namespace AttrMapper.Cli.Aws;

/// <summary>
/// The AWS side of one command run, resolved the way the function resolves it: the endpoint variables
/// (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL_SSM, AWS_ENDPOINT_URL), AWS_REGION, and credentials from
/// the environment's keys or else the SDK's default chain (profile, SSO, instance role...). Nothing is resolved until used.
/// </summary>
internal sealed class AwsSession : IDisposable
{
    private readonly CliContext _context;
    private readonly Lazy<HttpClient> _http;

    // A 100 MB import file takes longer than one API call may: its own client, bounded only against a hang.
    private readonly Lazy<HttpClient> _upload = new(() => new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
    {
        Timeout = TimeSpan.FromMinutes(30),
    });
    private AWSCredentials? _credentials;
    private SsmParameterReader? _ssm;

    public AwsSession(CliContext context)
    {
        _context = context;
        _http = new(() => new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            Timeout = context.Tuning.AttemptTimeout + TimeSpan.FromSeconds(5),
        });
    }

    /// <summary>The old pool's operations (AdminGetUser, ListUsers by attribute): the same signed calls the function makes.</summary>
    public OldPoolClient Pool(string userPoolId)
    {
        var endpoint = Endpoint(userPoolId);

        // No app client is needed: the CLI never signs anyone in.
        var options = new OldPoolOptions(userPoolId, "-", endpoint.Endpoint, endpoint.Region, endpoint.AttemptTimeout);
        return new OldPoolClient(_http.Value, options, new SdkCredentialProvider(Credentials()), _context.Time);
    }

    /// <summary>The calls only the CLI makes (every user, the schema), on any pool, over the function's transport.</summary>
    public PoolAdmin Admin(string userPoolId) =>
        new(new CognitoTransport(_http.Value, new SdkCredentialProvider(Credentials()), _context.Time), userPoolId, Endpoint(userPoolId));

    /// <summary>The CSV user import on <paramref name="userPoolId"/>, and the upload to a job's pre-signed URL on the same HTTP client.</summary>
    public UserImport Import(string userPoolId) =>
        new(new CognitoTransport(_http.Value, new SdkCredentialProvider(Credentials()), _context.Time), _upload.Value, userPoolId, Endpoint(userPoolId));

    /// <summary>The group calls only the CLI makes (ListGroups, the app clients' write attributes), on any pool.</summary>
    public GroupAdmin Groups(string userPoolId) =>
        new(new CognitoTransport(_http.Value, new SdkCredentialProvider(Credentials()), _context.Time), userPoolId, Endpoint(userPoolId));

    /// <summary>
    /// The function's own settle operation on <paramref name="newPoolId"/>, with the old pool (for lookup markers) when
    /// given: the same client code the post-authentication trigger runs, signed with these credentials.
    /// </summary>
    public MarkerSettlement Settlement(string newPoolId, string? oldPoolId)
    {
        var endpoint = Endpoint(newPoolId);
        return MarkerSettlement.Create(new CognitoTransport(_http.Value, new SdkCredentialProvider(Credentials()), _context.Time),
            endpoint.Endpoint, endpoint.AttemptTimeout, oldPoolId is null ? null : Pool(oldPoolId));
    }

    private CognitoEndpoint Endpoint(string userPoolId)
    {
        string region;
        try
        {
            region = AwsEndpoints.RegionOfPool(userPoolId);
        }
        catch (ArgumentException)
        {
            throw CliException.Usage($"'{userPoolId}' is not a user pool id", "a pool id looks like eu-west-1_AbC123");
        }

        Uri endpoint;
        try
        {
            endpoint = AwsEndpoints.Cognito(region, _context.Environment);
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage(e.Message);
        }

        return new CognitoEndpoint(endpoint, region, _context.Tuning.AttemptTimeout);
    }

    /// <summary>The real SSM client, in AWS_REGION (or <paramref name="fallbackRegion"/>, e.g. a pool's region).</summary>
    public IAmazonSimpleSystemsManagement Ssm(string? fallbackRegion = null)
    {
        if (_ssm is null)
        {
            var region = NonEmpty(_context.Environment("AWS_REGION")) ?? NonEmpty(_context.Environment("AWS_DEFAULT_REGION")) ?? fallbackRegion
                ?? throw CliException.Usage("no AWS region for Parameter Store", "set AWS_REGION, e.g. AWS_REGION=eu-west-1");
            try
            {
                _ssm = SsmParameterReader.Create(Credentials(), region, _context.Environment, _context.Tuning.AttemptTimeout);
            }
            catch (ArgumentException e)
            {
                throw CliException.Usage(e.Message);
            }
        }

        return _ssm.Client;
    }

    public void Dispose()
    {
        _ssm?.Dispose();
        if (_http.IsValueCreated)
        {
            _http.Value.Dispose();
        }

        if (_upload.IsValueCreated)
        {
            _upload.Value.Dispose();
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private AWSCredentials Credentials()
    {
        if (_credentials is not null)
        {
            return _credentials;
        }

        // The default chain's first step, read from our (injectable) environment so tests need not touch the process's.
        var key = NonEmpty(_context.Environment("AWS_ACCESS_KEY_ID"));
        var secret = NonEmpty(_context.Environment("AWS_SECRET_ACCESS_KEY"));
        if (key is not null && secret is not null)
        {
            var token = NonEmpty(_context.Environment("AWS_SESSION_TOKEN"));
            _credentials = token is null ? new BasicAWSCredentials(key, secret) : new SessionAWSCredentials(key, secret, token);
            return _credentials;
        }

        try
        {
            _credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }
        catch (AmazonClientException)
        {
            throw new CliException(ExitCodes.Aws, "credentials", "no AWS credentials found",
                "set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, as for the AWS CLI");
        }

        return _credentials;
    }
}
