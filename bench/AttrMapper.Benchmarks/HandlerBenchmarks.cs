using System.Net;
using System.Text;
using Amazon.Runtime;
using AttrMapper.Aws;
using AttrMapper.Cognito;
using AttrMapper.Configuration;
using AttrMapper.Logging;
using AttrMapper.Mapping;
using AttrMapper.Migration;
using AttrMapper.Parameters;
using AttrMapper.Triggers;
using BenchmarkDotNet.Attributes;

namespace AttrMapper.Benchmarks;

/// <summary>
/// The §8 budget "our own work per invocation, network excluded ≤ 50 µs": one sign-in that migrates, handled in-process.
/// No sockets anywhere: the Runtime API is not involved (the event bytes are handed in), and the old pool is either an
/// in-memory fake or the real SigV4-signing Cognito client over an in-memory <see cref="HttpMessageHandler"/>.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet derives its runner from the benchmark class.</remarks>
[MemoryDiagnoser]
public class HandlerBenchmarks
{

    /// <summary>The map the behaviour tests run with: the same document, linked from tests/AttrMapper.Tests/Fakes/Maps.cs.</summary>
    private const string Map = AttrMapper.Tests.Fakes.Maps.Behaviour;

    private const string Event = """
        {"version":"1","triggerSource":"UserMigration_Authentication","region":"eu-west-1","userPoolId":"eu-west-1_NewPool01",
         "userName":"alice","callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"5example0newpoolclient00"},
         "request":{"password":"Bench-Pa55word-1","validationData":null,"clientMetadata":null,"userAttributes":null},
         "response":{"userAttributes":null,"forceAliasCreation":null,"enableSMSMFA":null,"finalUserStatus":null,"messageAction":null,"desiredDeliveryMediums":null}}
        """;

    private static readonly KeyValuePair<string, string>[] Attributes =
    [
        new("sub", "0f1e2d3c-0000-4000-8000-00000000a11c"),
        new("email", "alice@example.com"),
        new("email_verified", "true"),
        new("custom:tenant", "acme"),
        new("custom:internal_flag", "internal"),
    ];

    private byte[] _event = [];
    private TriggerDispatch _inMemory = null!;
    private TriggerDispatch _signed = null!;
    private InvocationLog _log = null!;

    [GlobalSetup]
    public void Setup()
    {
        _event = Encoding.UTF8.GetBytes(Event);
        var options = new FunctionOptions
        {
            OldUserPoolId = "eu-west-1_OldPool1",
            OldClientId = "oldclient123",
            MapParameterName = "/attrmapper/map",
            NewUserPoolId = "eu-west-1_NewPool01",
        };
        var parsed = MapDocument.Parse(Map);
        var maps = new FixedMapSource(new LoadedMap(parsed.Map ?? throw new InvalidOperationException("bad map"), 1));
        var clock = TimeProvider.System;

        var user = new OldUser("alice", true, "CONFIRMED", Attributes);
        _inMemory = Routed(new MigrationHandler(options, new InstantOldPool(user), maps, clock, new HandlerTuning()), options, clock);

        var http = new HttpClient(new CannedCognito(Attributes)) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new OldPoolClient(
            http,
            OldPoolOptions.Create(options.OldUserPoolId, options.OldClientId, options.MigrationDeadline, new Uri("http://127.0.0.1:9/")),
            new FixedCredentials(),
            clock);
        _signed = Routed(new MigrationHandler(options, client, maps, clock, new HandlerTuning()), options, clock);
        _log = new InvocationLog(Stream.Null, clock, UserHasher.ForDeployment(options.OldUserPoolId, options.OldClientId), logUserNames: false);

        // Fail here, not in a figure: every benchmarked path must really migrate.
        foreach (var handler in new[] { _inMemory, _signed })
        {
            var handled = handler.HandleAsync(Invocation(), CancellationToken.None).GetAwaiter().GetResult();
            if (handled.Record.Outcome != OutcomeKind.Migrated)
            {
                throw new InvalidOperationException($"benchmark set-up does not migrate: {handled.Record.Reason}");
            }
        }
    }

    [Benchmark(Description = "Handle sign-in: event parse, in-memory old pool, map, response")]
    public async Task<int> HandleInMemory() => (await _inMemory.HandleAsync(Invocation(), CancellationToken.None).ConfigureAwait(false)).Response!.Length;

    [Benchmark(Description = "... + the invocation log line (EMF)")]
    public async Task<int> HandleInMemoryAndLog()
    {
        var handled = await _inMemory.HandleAsync(Invocation(), CancellationToken.None).ConfigureAwait(false);
        _log.Write(handled.Record);
        return handled.Response!.Length;
    }

    [Benchmark(Description = "Handle sign-in + log, real Cognito client (SigV4, JSON 1.1) over in-memory HTTP")]
    public async Task<int> HandleSignedAndLog()
    {
        var handled = await _signed.HandleAsync(Invocation(), CancellationToken.None).ConfigureAwait(false);
        _log.Write(handled.Record);
        return handled.Response!.Length;
    }

    /// <summary>What the real client adds per old-pool call on top of JSON: the SigV4 signature (AWSSDK.Core's signer).</summary>
    [Benchmark(Description = "One SigV4 signature of an AdminGetUser request (AWSSDK.Core signer)")]
    public int SignOneRequest()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, SignedEndpoint);
        RequestSigner.Sign(message, SignedBody, [new("Content-Type", OldPoolClient.ContentType), new("X-Amz-Target", "AWSCognitoIdentityProviderService.AdminGetUser")],
            SigningCredentials, "eu-west-1", OldPoolClient.Service, DateTimeOffset.UtcNow);
        return message.Headers.Count();
    }

    private static readonly Uri SignedEndpoint = new("http://127.0.0.1:9/");
    private static readonly byte[] SignedBody = Encoding.UTF8.GetBytes("""{"UserPoolId":"eu-west-1_OldPool1","Username":"alice"}""");
    private static readonly ImmutableCredentials SigningCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token");

    private TriggerInvocation Invocation() => new("req-1", _event, DateTimeOffset.UtcNow, null);

    // Routed as FunctionServices routes it, so the figure includes the dispatch.
    private static TriggerDispatch Routed(MigrationHandler migration, FunctionOptions options, TimeProvider clock) => new(
        [new TriggerRoute(TriggerEvent.Authentication, migration), new TriggerRoute(TriggerEvent.ForgotPassword, migration)],
        options.MigrationDeadline,
        clock);

    private sealed class FixedMapSource(LoadedMap map) : IMapSource
    {
        public ValueTask<LoadedMap?> GetAsync(CancellationToken ct) => ValueTask.FromResult<LoadedMap?>(map);
    }

    private sealed class InstantOldPool(OldUser user) : IOldPool
    {
        private readonly Task<AuthResult> _auth = Task.FromResult(new AuthResult(true, null));
        private readonly Task<OldUser> _user = Task.FromResult(user);

        public Task<AuthResult> AdminInitiateAuthAsync(string username, string password, CancellationToken ct) => _auth;

        public Task<OldUser> AdminGetUserAsync(string username, CancellationToken ct) => _user;

        public Task<IReadOnlyList<OldUser>> ListUsersAsync(string attributeName, string value, int limit, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<OldUser>>([]);

        // The benchmarked map has no groups section, so the handler never asks.
        public Task<GroupsPage> AdminListGroupsForUserAsync(string username, string? nextToken, CancellationToken ct) =>
            Task.FromResult(new GroupsPage([], null));
    }

    private sealed class FixedCredentials : ICredentialProvider
    {
        private readonly ImmutableCredentials _credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token");

        public ValueTask<ImmutableCredentials?> GetAsync(CancellationToken ct) => ValueTask.FromResult<ImmutableCredentials?>(_credentials);
    }

    /// <summary>Answers AdminInitiateAuth and AdminGetUser the way Cognito does, from memory: no socket, no server.</summary>
    private sealed class CannedCognito : HttpMessageHandler
    {
        private readonly byte[] _tokens = Encoding.UTF8.GetBytes(
            """{"AuthenticationResult":{"AccessToken":"eyJraWQiOiJhY2Nlc3MifQ.e30.c2ln","ExpiresIn":3600,"IdToken":"eyJraWQiOiJpZCJ9.e30.c2ln","RefreshToken":"eyJjdHkiOiJKV1QifQ.refresh","TokenType":"Bearer"},"ChallengeParameters":{}}""");

        private readonly byte[] _user;

        public CannedCognito(IEnumerable<KeyValuePair<string, string>> attributes)
        {
            var list = string.Join(",", attributes.Select(a => $"{{\"Name\":\"{a.Key}\",\"Value\":\"{a.Value}\"}}"));
            _user = Encoding.UTF8.GetBytes(
                $"{{\"Enabled\":true,\"UserAttributes\":[{list}],\"UserCreateDate\":1.7E9,\"UserLastModifiedDate\":1.7000001E9,\"UserStatus\":\"CONFIRMED\",\"Username\":\"alice\"}}");
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : string.Empty;
            var body = target.EndsWith(".AdminInitiateAuth", StringComparison.Ordinal) ? _tokens : _user;
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/x-amz-json-1.1");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
