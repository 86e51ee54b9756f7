using AttrMapper.Cli.Aws;
using AttrMapper.Cognito;
using AttrMapper.LocalPeers;
using AttrMapper.Tests.Cognito;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Cli.Tests.Aws;

/// <summary>The CLI-only calls over the function's transport: against the scripted fake (real HTTP) and a canned answer.</summary>
public sealed class PoolAdminTests : IAsyncLifetime
{
    private const string PoolId = "eu-west-1_OldPool1";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(1) };
    private ScriptedOldPool _pool = null!;

    public async Task InitializeAsync()
    {
        _pool = await ScriptedOldPool.StartAsync(PoolId, "oldclient123");
        _pool.AddUser(new FakeUser { Username = "bob", Password = "unused", Attributes = [new("email", "bob@example.com")] });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _pool.DisposeAsync();
    }

    [Fact]
    public async Task ListUsersPage_FollowingTokens_ReturnsEveryUserOnceWithoutAFilter()
    {
        for (var i = 0; i < 5; i++)
        {
            _pool.AddUser(new FakeUser { Username = $"page{i}", Password = "unused" });
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Admin(_http, _pool.Endpoint).ListUsersPageAsync(2, token, default);
            seen.AddRange(page.Users.Select(u => u.Username));
            token = page.PaginationToken;
            pages++;
        }
        while (token is not null && pages < 20);

        seen.Where(n => n.StartsWith("page", StringComparison.Ordinal)).ShouldBe(["page0", "page1", "page2", "page3", "page4"]);
        seen.Count.ShouldBe(seen.Distinct().Count());
        _pool.Calls.ShouldAllBe(c => c.Operation == "ListUsers" && c.Filter == null);
    }

    [Fact]
    public async Task DescribeUserPool_Fake_UsernameAttributes()
    {
        _pool.UsernameAttributes.Add("email");

        var pool = await Admin(_http, _pool.Endpoint).DescribeUserPoolAsync(default);

        pool.UsernameAttributes.ShouldBe(["email"]);
    }

    [Fact]
    public async Task DescribeUserPool_Fake_CustomAttributeWithMaxLength()
    {
        _pool.Schema.Add(("custom:tenant_id", "String", true, 64));

        var pool = await Admin(_http, _pool.Endpoint).DescribeUserPoolAsync(default);

        pool.Attributes.ShouldContain(new SchemaAttribute("custom:tenant_id", "String", true, 64));
    }

    [Fact]
    public async Task DescribeUserPool_Answer_TypedSchema()
    {
        var body = """
            {"UserPool":{"Id":"eu-west-1_AbC123","Name":"old","SchemaAttributes":[
              {"AttributeDataType":"String","DeveloperOnlyAttribute":false,"Mutable":false,"Name":"sub","Required":true,"StringAttributeConstraints":{"MaxLength":"2048","MinLength":"1"}},
              {"AttributeDataType":"String","Mutable":true,"Name":"custom:tenant","StringAttributeConstraints":{"MaxLength":"64","MinLength":"0"}},
              {"AttributeDataType":"Boolean","Mutable":true,"Name":"email_verified"}]}}
            """;
        using var http = new HttpClient(CapturingHandler.Answer(200, body));

        var pool = await Admin(http, new Uri("http://127.0.0.1:9/")).DescribeUserPoolAsync(default);

        pool.Id.ShouldBe("eu-west-1_AbC123");
        pool.Attributes.ShouldBe(
        [
            new SchemaAttribute("sub", "String", false, 2048, Required: true),
            new SchemaAttribute("custom:tenant", "String", true, 64),
            new SchemaAttribute("email_verified", "Boolean", true, null),
        ]);
        pool.UsernameAttributes.ShouldBeEmpty();
    }

    [Fact]
    public async Task DescribeUserPool_AnswerWithoutPool_IsMalformed()
    {
        using var http = new HttpClient(CapturingHandler.Answer(200, "{}"));

        var e = await Should.ThrowAsync<CognitoException>(Admin(http, new Uri("http://127.0.0.1:9/")).DescribeUserPoolAsync(default));

        e.Kind.ShouldBe(CognitoErrorKind.MalformedResponse);
    }

    private PoolAdmin Admin(HttpClient http, Uri endpoint) =>
        new(new CognitoTransport(http, StaticCredentials.Session, _time), PoolId, new CognitoEndpoint(endpoint, "eu-west-1", TimeSpan.FromSeconds(2)));
}
