using AttrMapper.Cognito;
using AttrMapper.Tests.Cognito;
using AttrMapper.Configuration;
using AttrMapper.LocalPeers;
using AttrMapper.Logging;
using AttrMapper.Mapping;
using AttrMapper.Migration;
using AttrMapper.Parameters;
using AttrMapper.Tests.Fakes;
using AttrMapper.Tests.Mapping;
using AttrMapper.Triggers;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Migration;

/// <summary>
/// Issue 14's equivalence at the handler: the real OldPoolClient over loopback against ScriptedOldPool, whose sign-in
/// answer carries an ID token typed as Cognito writes it. For generated users and maps, the IdToken and AdminGetUser
/// sources give byte-identical answers, and IdToken migrates with exactly one old-pool call.
/// </summary>
[Trait("Category", "Loopback")]
public sealed class AttributeSourceHandlerEquivalenceTests : IAsyncLifetime
{
    private const string Password = "Pw-equivalence-1";

    private static readonly string[] Names = OldUserGen.Names;

    private static readonly Gen<string> From = Gen.OneOf([.. Names, "name", "custom:missing"]);

    private static readonly Gen<string> Target = Gen.OneOf(
        "email", "email_verified", "phone_number", "phone_number_verified", "given_name", "custom:tenant_id", "custom:plan",
        "custom:legacy_sub", "updated_at", "locale");

    private static readonly Gen<string> Rule = Gen.Select(Gen.Int[0, 3], From, Target, Gen.OneOf("free", "true", "z"), (op, a, b, v) => op switch
    {
        0 => $"copy {a}",
        1 => $"rename {a} {b}",
        2 => $"default {b} {v}",
        _ => $"drop {a}",
    });

    private static readonly Gen<string> Rules = Rule.Array[0, 8].Select(r => string.Join("; ", r));

    private static readonly Gen<KeyValuePair<string, string>[]> Users = OldUserGen.Users;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(1) };
    private ScriptedOldPool _pool = null!;
    private int _users;

    public async Task InitializeAsync() => _pool = await ScriptedOldPool.StartAsync("eu-west-1_OldPool01", "oldclient123");

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _pool.DisposeAsync();
    }

    [Fact]
    public async Task SignIn_GeneratedUsersAndMaps_IdTokenAnswersAsAdminGetUserWithOneCall()
    {
        var migrated = 0;
        await Gen.Select(Rules, Users).SampleAsync(async (rules, attributes) =>
        {
            if (MapDocument.Parse(MapText.Document(rules, "drop", "\"attributeSource\": \"IdToken\"")).Map is not { } idTokenMap)
            {
                return;
            }

            var adminGetUserMap = MapDocument.Parse(MapText.Document(rules)).Map.ShouldNotBeNull();
            if (await Compare(attributes, idTokenMap, adminGetUserMap) == OutcomeKind.Migrated)
            {
                Interlocked.Increment(ref migrated);
            }
        }, iter: 50, threads: 1);

        migrated.ShouldBeGreaterThan(10);
    }

    public static TheoryData<string, string> FixedCases() => new()
    {
        { "typed claims renamed", "copy email; copy email_verified; rename sub custom:legacy_sub; rename updated_at custom:plan; default locale en" },
        { "swap", "rename email given_name; rename given_name email" },
        { "nothing mapped", "default custom:plan free" },
        { "oversized", "copy custom:tenant" },
    };

    [Theory]
    [MemberData(nameof(FixedCases))]
    public async Task SignIn_FixedCases_IdTokenAnswersAsAdminGetUserWithOneCall(string name, string rules)
    {
        KeyValuePair<string, string>[] user =
        [
            new("sub", "0f1e2d3c-0001"), new("email", "a\"b\\c@example.com"), new("email_verified", "true"),
            new("given_name", "é€😀"), new("updated_at", "1700000000"),
            new("custom:tenant", name == "oversized" ? new string('t', 2049) : "acme"),
        ];
        var idTokenMap = MapDocument.Parse(MapText.Document(rules, "drop", "\"attributeSource\": \"IdToken\"")).Map.ShouldNotBeNull();
        var adminGetUserMap = MapDocument.Parse(MapText.Document(rules)).Map.ShouldNotBeNull();

        var outcome = await Compare(user, idTokenMap, adminGetUserMap);

        outcome.ShouldBe(name == "oversized" ? OutcomeKind.Rejected : OutcomeKind.Migrated);
    }

    /// <summary>Signs one new user in under each map; asserts identical bytes, outcome and reason, and the calls each cost.</summary>
    private async Task<OutcomeKind> Compare(KeyValuePair<string, string>[] attributes, AttributeMap idTokenMap, AttributeMap adminGetUserMap)
    {
        var username = $"user{Interlocked.Increment(ref _users)}";
        _pool.AddUser(new FakeUser { Username = username, Password = Password, Attributes = attributes });

        _pool.ClearCalls();
        var fromToken = await SignIn(username, idTokenMap);
        var tokenCalls = _pool.Calls.Select(c => c.Operation).ToList();
        _pool.ClearCalls();
        var fromGetUser = await SignIn(username, adminGetUserMap);
        var getUserCalls = _pool.Calls.Select(c => c.Operation).ToList();

        fromToken.Record.Outcome.ShouldBe(fromGetUser.Record.Outcome);
        fromToken.Record.Reason.ShouldBe(fromGetUser.Record.Reason);
        (fromToken.Response ?? []).ShouldBe(fromGetUser.Response ?? []);
        tokenCalls.ShouldBe(["AdminInitiateAuth"]);
        fromToken.Record.UpstreamCalls.ShouldBe(1);
        getUserCalls.ShouldBe(["AdminInitiateAuth", "AdminGetUser"]);
        return fromToken.Record.Outcome;
    }

    private Task<HandledInvocation> SignIn(string username, AttributeMap map)
    {
        var options = new FunctionOptions
        {
            OldUserPoolId = _pool.UserPoolId,
            OldClientId = _pool.ClientId,
            MapParameterName = "/attrmapper/map",
            NewUserPoolId = Events.NewPool,
        };
        var client = new OldPoolClient(_http, new OldPoolOptions(_pool.UserPoolId, _pool.ClientId, _pool.Endpoint, "eu-west-1", TimeSpan.FromSeconds(30)),
            StaticCredentials.Session, time: _clock);
        var handler = new MigrationHandler(options, client, new FakeMapSource(new LoadedMap(map, 7)), _clock, new HandlerTuning { RetryDelay = TimeSpan.Zero });
        var dispatch = new TriggerDispatch(
            [new TriggerRoute(TriggerEvent.Authentication, handler), new TriggerRoute(TriggerEvent.ForgotPassword, handler)],
            options.MigrationDeadline,
            _clock);
        return dispatch.HandleAsync(new TriggerInvocation("req-1", Events.Bytes(Events.SignIn(username, Password)), _clock.GetUtcNow(), null), CancellationToken.None);
    }
}
