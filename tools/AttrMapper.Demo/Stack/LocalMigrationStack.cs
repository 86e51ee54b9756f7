using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AttrMapper.LambdaHost;
using AttrMapper.LocalPeers;
using AttrMapper.LocalPeers.CognitoLocal;

namespace AttrMapper.Demo.Stack;

/// <summary>
/// Everything a migration needs, on 127.0.0.1 only: cognito-local as the old pool and (a second one) as the new pool with its
/// UserMigration trigger, fidelity proxies in front of both, the local Parameter Store holding the map, and the local Lambda host
/// running the real published bootstrap. Disposing it stops every process it started.
/// </summary>
/// <remarks>
/// Two cognito-local processes, not one: cognito-local applies TriggerFunctions to every pool it holds, so one process would also
/// run the migration trigger on the OLD pool's AdminInitiateAuth for an unknown user, and the function would call itself.
/// </remarks>
public sealed partial class LocalMigrationStack : IAsyncDisposable
{
    public const string OldUserPoolId = "eu-west-1_DemoOld01";
    public const string NewUserPoolId = "eu-west-1_DemoNew01";
    public const string FunctionName = "attrmapper";

    private readonly StartedProcesses _started = new("local stack");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private LocalMigrationStack(MigrationStackOptions options) => Options = options;

    public MigrationStackOptions Options { get; }

    public LocalParameterStore Parameters { get; private set; } = null!;

    public CognitoLocalProcess OldPool { get; private set; } = null!;

    public CognitoLocalProcess NewPool { get; private set; } = null!;

    /// <summary>The old pool as the function sees it (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER).</summary>
    public CognitoFidelityProxy OldPoolApi { get; private set; } = null!;

    /// <summary>The new pool as an app sees it (InitiateAuth, AdminGetUser).</summary>
    public CognitoFidelityProxy NewPoolApi { get; private set; } = null!;

    public UserMigrationTriggerProxy Trigger { get; private set; } = null!;

    /// <summary>The Cognito endpoint the function is given: each call goes to the pool it names (old or new), as Cognito's regional endpoint.</summary>
    public CognitoRegionalEndpoint CognitoApi { get; private set; } = null!;

    public LocalLambdaHost Function { get; private set; } = null!;

    public string OldClientId { get; private set; } = null!;

    public string NewClientId { get; private set; } = null!;

    /// <summary>The function's environment (DESIGN.md section 3), as given to the Lambda host.</summary>
    public IReadOnlyDictionary<string, string> FunctionEnvironment { get; private set; } = new Dictionary<string, string>();

    public static async Task<LocalMigrationStack> StartAsync(MigrationStackOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.BootstrapPath))
        {
            throw new InvalidOperationException($"no published bootstrap at {options.BootstrapPath}: run `make package`");
        }

        var stack = new LocalMigrationStack(options);
        try
        {
            await stack.StartAllAsync(ct).ConfigureAwait(false);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates a CONFIRMED user in the old pool; then disables it when asked.</summary>
    public async Task AddOldUserAsync(string username, string password, IEnumerable<KeyValuePair<string, string>> attributes, bool enabled = true, CancellationToken ct = default)
    {
        await OldPool.CreateUserAsync(OldUserPoolId, username, password, attributes, ct).ConfigureAwait(false);
        if (!enabled)
        {
            await OldPool.DisableUserAsync(OldUserPoolId, username, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Signs in to the NEW pool the way an app does: InitiateAuth, USER_PASSWORD_AUTH, with the new pool's client.</summary>
    public async Task<SignInResult> SignInAsync(string username, string password, CancellationToken ct = default) =>
        (await NewPoolAsApp.SignInAsync(username, password, ct).ConfigureAwait(false)).Result;

    /// <summary>AdminGetUser on the NEW pool; null when it has no such user.</summary>
    public Task<NewPoolUser?> GetNewPoolUserAsync(string username, CancellationToken ct = default) => NewPoolAsApp.GetUserAsync(username, ct);

    /// <summary>Writes the map parameter through the Parameter Store API (PutParameter, Overwrite) and returns its new version.</summary>
    public async Task<long> PutMapAsync(string document, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Parameters.Endpoint)
        {
            Content = new StringContent(new JsonObject
            {
                ["Name"] = Options.MapParameterName,
                ["Value"] = document,
                ["Type"] = "String",
                ["Overwrite"] = true,
            }.ToJsonString()),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(AwsJson.ContentType);
        request.Headers.Add("X-Amz-Target", "AmazonSSM.PutParameter");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/eu-west-1/ssm/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PutParameter failed: HTTP {(int)response.StatusCode}");
        }

        return JsonNode.Parse(text)!["Version"]!.GetValue<long>();
    }

    /// <summary>Stops the function (and its bootstrap), both cognito-local processes, the proxies and the Parameter Store, newest first.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _started.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _http.Dispose();
        }
    }

    private NewPoolApp NewPoolAsApp => new(_http, NewPoolApi.Endpoint, NewUserPoolId, NewClientId);

    private T Keep<T>(T started)
        where T : IAsyncDisposable => _started.Keep(started);

    private async Task StartAllAsync(CancellationToken ct)
    {
        var package = Path.Combine(Options.RepositoryRoot, "tools", "cognito-local");
        Parameters = Keep(await LocalParameterStore.StartAsync().ConfigureAwait(false));
        Parameters.Put(Options.MapParameterName, Options.InitialMap);
        // The function's own key, as an operator would create it (32 random bytes, base64, SecureString); never printed.
        Parameters.Put(Options.KeyParameterName, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), "SecureString");
        Trigger = Keep(await UserMigrationTriggerProxy.StartAsync().ConfigureAwait(false));

        var oldPool = CognitoLocalProcess.StartAsync(new CognitoLocalOptions
        {
            PackageDirectory = package,
            UserPoolIds = [OldUserPoolId],
            OwnProcessGroup = Options.OwnProcessGroups,
        }, ct);
        var newPool = CognitoLocalProcess.StartAsync(new CognitoLocalOptions
        {
            PackageDirectory = package,
            UserPoolIds = [NewUserPoolId],
            CustomAttributes = NewPoolCustomAttributes,
            LambdaEndpoint = Trigger.Endpoint,
            UserMigrationFunction = FunctionName,
            PreTokenGenerationFunction = Options.GroupTriggers ? FunctionName : null,
            PostAuthenticationFunction = Options.GroupTriggers ? FunctionName : null,
            OwnProcessGroup = Options.OwnProcessGroups,
        }, ct);
        try
        {
            await Task.WhenAll(oldPool, newPool).ConfigureAwait(false);
        }
        finally
        {
            // Keep whichever started, so a failure of the other still stops it.
            if (oldPool.IsCompletedSuccessfully)
            {
                OldPool = Keep(oldPool.Result);
            }

            if (newPool.IsCompletedSuccessfully)
            {
                NewPool = Keep(newPool.Result);
            }
        }

        OldPoolApi = Keep(await CognitoFidelityProxy.StartAsync(OldPool.Endpoint).ConfigureAwait(false));
        NewPoolApi = Keep(await CognitoFidelityProxy.StartAsync(NewPool.Endpoint, await StartNewPoolImportAsync().ConfigureAwait(false)).ConfigureAwait(false));
        OldClientId = await OldPool.CreateClientAsync(OldUserPoolId, "attrmapper-migration", ct).ConfigureAwait(false);
        NewClientId = await NewPool.CreateClientAsync(NewUserPoolId, "web-app", ct).ConfigureAwait(false);
        CognitoApi = Keep(await CognitoRegionalEndpoint.StartAsync(new Dictionary<string, Uri>
        {
            [OldUserPoolId] = OldPoolApi.Endpoint,
            [NewUserPoolId] = NewPoolApi.Endpoint,
        }).ConfigureAwait(false));
        if (Options.GroupTriggers)
        {
            await SetUpGroupTriggersAsync(ct).ConfigureAwait(false);
        }

        var environment = LocalFunction.Environment(
            OldUserPoolId, OldClientId, NewUserPoolId, Options.MapParameterName, Options.KeyParameterName, CognitoApi.Endpoint, Parameters.Endpoint);
        environment["MAP_CACHE_TTL_SECONDS"] = Options.MapCacheTtlSeconds.ToString(CultureInfo.InvariantCulture);
        FunctionEnvironment = environment;
        Function = await LocalFunction.StartAsync(new LambdaHostOptions
        {
            BootstrapPath = Options.BootstrapPath,
            FunctionName = FunctionName,
            Environment = FunctionEnvironment,
            OutputSink = Options.FunctionOutput,
        }, TimeSpan.FromSeconds(30), Keep, ct).ConfigureAwait(false);
        Trigger.FunctionEndpoint = Function.BaseAddress;
    }
}
