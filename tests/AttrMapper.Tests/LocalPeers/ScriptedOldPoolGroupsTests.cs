using System.Text.Json.Nodes;
using AttrMapper.LocalPeers;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.LocalPeers;

/// <summary>The scripted pool's group calls and admin attribute writes, over HTTP as a client sends them.</summary>
public sealed class ScriptedOldPoolGroupsTests : IAsyncLifetime
{
    private const string OldPool = "eu-west-1_OldPool17";
    private const string NewPool = "eu-west-1_NewPool17";
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private readonly FakeTimeProvider _time = new(Start);
    private ScriptedOldPool _pool = null!;
    private CognitoWire _wire = null!;

    public async Task InitializeAsync()
    {
        _pool = await ScriptedOldPool.StartAsync(OldPool, time: _time);
        _wire = new CognitoWire(_pool.Endpoint);
        _pool.AddUser(new FakeUser { Username = "bob", Password = "pw", Attributes = [new("email", "bob@example.com"), new("custom:pending_groups", "v1.x.y")] });
        _pool.CreateGroup(new FakeGroup { GroupName = "admins", Description = "Admins", RoleArn = "arn:aws:iam::111122223333:role/admins", Precedence = 1 });
        _pool.CreateGroups(null, "staff", "zeta");
        _pool.AddUserToGroup("bob", "staff");
        _pool.AddUserToGroup("bob", "admins");
        _pool.AddPool(NewPool);
        _pool.CreateGroups(NewPool, "employees");
        _pool.AddPoolUser(NewPool, new FakeUser { Username = "bob", Password = "pw", Attributes = [new("custom:pending_groups", "v1.x.y"), new("email", "bob@example.com")] });
        _pool.SetSchema(NewPool, [("email", "String", true, 2048), ("custom:pending_groups", "String", true, 2048), ("custom:frozen", "String", false, 2048)]);
    }

    public async Task DisposeAsync()
    {
        _wire.Dispose();
        await _pool.DisposeAsync();
    }

    [Fact]
    public async Task AdminListGroupsForUser_Member_GroupsWithEveryFieldInNameOrder()
    {
        var answer = await _wire.CallAsync("AdminListGroupsForUser", new JsonObject { ["UserPoolId"] = OldPool, ["Username"] = "bob", ["Limit"] = 60 });

        answer.Status.ShouldBe(200);
        var groups = answer.Body!["Groups"]!.AsArray();
        groups.Select(g => g!["GroupName"]!.GetValue<string>()).ShouldBe(["admins", "staff"]);
        var admins = groups[0]!.AsObject();
        admins["UserPoolId"]!.GetValue<string>().ShouldBe(OldPool);
        admins["Description"]!.GetValue<string>().ShouldBe("Admins");
        admins["RoleArn"]!.GetValue<string>().ShouldBe("arn:aws:iam::111122223333:role/admins");
        admins["Precedence"]!.GetValue<int>().ShouldBe(1);
        admins["CreationDate"]!.GetValue<double>().ShouldBe(1.7e9);
        admins["LastModifiedDate"]!.GetValue<double>().ShouldBe(1.7e9);
        answer.Body.ContainsKey("NextToken").ShouldBeFalse();
    }

    [Fact]
    public async Task AdminListGroupsForUser_LimitOne_PagesWithNextTokenUntilDone()
    {
        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var body = new JsonObject { ["UserPoolId"] = OldPool, ["Username"] = "bob", ["Limit"] = 1 };
            if (token is not null)
            {
                body["NextToken"] = token;
            }

            var answer = await _wire.CallAsync("AdminListGroupsForUser", body);
            answer.Status.ShouldBe(200);
            names.AddRange(answer.Body!["Groups"]!.AsArray().Select(g => g!["GroupName"]!.GetValue<string>()));
            token = answer.Body["NextToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        names.ShouldBe(["admins", "staff"]);
        pages.ShouldBe(2);
    }

    [Theory]
    [InlineData(0, "greater than or equal to 1")]
    [InlineData(61, "less than or equal to 60")]
    public async Task AdminListGroupsForUser_LimitOutOfRange_InvalidParameter(int limit, string constraint)
    {
        var answer = await _wire.CallAsync("AdminListGroupsForUser", new JsonObject { ["UserPoolId"] = OldPool, ["Username"] = "bob", ["Limit"] = limit });

        answer.Status.ShouldBe(400);
        answer.Type.ShouldBe("InvalidParameterException");
        answer.Message!.ShouldContain(constraint);
    }

    [Fact]
    public async Task AdminListGroupsForUser_UnknownUser_UserNotFound()
    {
        var answer = await _wire.CallAsync("AdminListGroupsForUser", new JsonObject { ["UserPoolId"] = OldPool, ["Username"] = "nobody" });

        answer.Status.ShouldBe(400);
        answer.Type.ShouldBe("UserNotFoundException");
        answer.ErrorTypeHeader!.ShouldStartWith("UserNotFoundException:");
    }

    [Fact]
    public async Task AdminListGroupsForUser_NoGroups_EmptyList()
    {
        _pool.AddUser(new FakeUser { Username = "carl", Password = "pw" });

        var answer = await _wire.CallAsync("AdminListGroupsForUser", new JsonObject { ["UserPoolId"] = OldPool, ["Username"] = "carl" });

        answer.Status.ShouldBe(200);
        answer.Body!["Groups"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ListGroups_DefaultLimit_EveryGroupOfThatPoolOnly()
    {
        var old = await _wire.CallAsync("ListGroups", new JsonObject { ["UserPoolId"] = OldPool });
        var page = await _wire.CallAsync("ListGroups", new JsonObject { ["UserPoolId"] = OldPool, ["Limit"] = 2 });
        var rest = await _wire.CallAsync("ListGroups", new JsonObject { ["UserPoolId"] = OldPool, ["Limit"] = 2, ["NextToken"] = page.Body!["NextToken"]!.GetValue<string>() });
        var fresh = await _wire.CallAsync("ListGroups", new JsonObject { ["UserPoolId"] = NewPool });

        old.Body!["Groups"]!.AsArray().Select(g => g!["GroupName"]!.GetValue<string>()).ShouldBe(["admins", "staff", "zeta"]);
        page.Body["Groups"]!.AsArray().Count.ShouldBe(2);
        rest.Body!["Groups"]!.AsArray().Select(g => g!["GroupName"]!.GetValue<string>()).ShouldBe(["zeta"]);
        rest.Body.ContainsKey("NextToken").ShouldBeFalse();
        fresh.Body!["Groups"]!.AsArray().Select(g => g!["UserPoolId"]!.GetValue<string>()).ShouldBe([NewPool]);
    }

    [Fact]
    public async Task ListGroups_UnknownPool_ResourceNotFound()
    {
        var answer = await _wire.CallAsync("ListGroups", new JsonObject { ["UserPoolId"] = "eu-west-1_Nope" });

        answer.Status.ShouldBe(400);
        answer.Type.ShouldBe("ResourceNotFoundException");
        answer.Message.ShouldBe("User pool eu-west-1_Nope does not exist.");
    }

    [Fact]
    public async Task AdminAddUserToGroup_NewPool_EmptyAnswerThenMemberIdempotently()
    {
        var first = await _wire.CallAsync("AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = NewPool, ["Username"] = "bob", ["GroupName"] = "employees" });
        var again = await _wire.CallAsync("AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = NewPool, ["Username"] = "bob", ["GroupName"] = "employees" });

        first.Status.ShouldBe(200);
        first.Text.ShouldBe("{}");
        again.Status.ShouldBe(200);
        again.Text.ShouldBe("{}");
        _pool.GroupsOf("bob", NewPool).ShouldBe(["employees"]);
        _pool.GroupsOf("bob").ShouldBe(["admins", "staff"]);
    }

    [Fact]
    public async Task AdminAddUserToGroup_UnknownGroup_ResourceNotFoundGroupNotFound()
    {
        var answer = await _wire.CallAsync("AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = NewPool, ["Username"] = "bob", ["GroupName"] = "admins" });

        answer.Status.ShouldBe(400);
        answer.Type.ShouldBe("ResourceNotFoundException");
        answer.Message.ShouldBe("Group not found.");
        _pool.GroupsOf("bob", NewPool).ShouldBeEmpty();
    }

    [Fact]
    public async Task AdminAddUserToGroup_UnknownUser_UserNotFound()
    {
        var answer = await _wire.CallAsync("AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = NewPool, ["Username"] = "ghost", ["GroupName"] = "employees" });

        answer.Status.ShouldBe(400);
        answer.Type.ShouldBe("UserNotFoundException");
        answer.Message.ShouldBe("User does not exist.");
    }

    [Fact]
    public async Task AdminDeleteUserAttributes_Marker_GoneOthersKept()
    {
        var answer = await _wire.CallAsync("AdminDeleteUserAttributes", new JsonObject
        {
            ["UserPoolId"] = NewPool,
            ["Username"] = "bob",
            ["UserAttributeNames"] = new JsonArray("custom:pending_groups"),
        });
        var user = await _wire.CallAsync("AdminGetUser", new JsonObject { ["UserPoolId"] = NewPool, ["Username"] = "bob" });

        answer.Status.ShouldBe(200);
        answer.Text.ShouldBe("{}");
        user.Body!["UserAttributes"]!.AsArray().Select(a => a!["Name"]!.GetValue<string>()).ShouldBe(["email"]);
        _pool.FindUser("bob")!.Attributes.ShouldContain(a => a.Key == "custom:pending_groups");
    }

    [Fact]
    public async Task AdminDeleteUserAttributes_UnknownUser_UserNotFound()
    {
        var answer = await _wire.CallAsync("AdminDeleteUserAttributes", new JsonObject
        {
            ["UserPoolId"] = NewPool,
            ["Username"] = "ghost",
            ["UserAttributeNames"] = new JsonArray("custom:pending_groups"),
        });

        answer.Status.ShouldBe(400);
        answer.Type.ShouldBe("UserNotFoundException");
    }

    [Fact]
    public async Task AdminUpdateUserAttributes_SchemaAttribute_WrittenAndReadBack()
    {
        var answer = await _wire.CallAsync("AdminUpdateUserAttributes", new JsonObject
        {
            ["UserPoolId"] = NewPool,
            ["Username"] = "bob",
            ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = "custom:pending_groups", ["Value"] = "v1.new.tag" }, new JsonObject { ["Name"] = "given_name", ["Value"] = "Bob" }),
        });

        answer.Status.ShouldBe(200);
        answer.Text.ShouldBe("{}");
        _pool.FindUser("bob", NewPool)!.Attributes.ShouldBe([new("custom:pending_groups", "v1.new.tag"), new("email", "bob@example.com"), new("given_name", "Bob")]);
    }

    [Theory]
    [InlineData("custom:unknown", "InvalidParameterException")]
    [InlineData("custom:frozen", "InvalidParameterException")]
    [InlineData("sub", "InvalidParameterException")]
    public async Task AdminUpdateUserAttributes_NotWritable_RefusedAndUnchanged(string name, string type)
    {
        var answer = await _wire.CallAsync("AdminUpdateUserAttributes", new JsonObject
        {
            ["UserPoolId"] = NewPool,
            ["Username"] = "bob",
            ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = name, ["Value"] = "x" }),
        });

        answer.Status.ShouldBe(400);
        answer.Type.ShouldBe(type);
        _pool.FindUser("bob", NewPool)!.Attributes.Count.ShouldBe(2);
    }

    [Fact]
    public async Task GroupCalls_Scripted_ThrottleThenStateForThatUser()
    {
        _pool.Script("AdminListGroupsForUser", "bob", ScriptedAnswer.Throttled(), ScriptedAnswer.FromUsers);
        _pool.Script("AdminAddUserToGroup", null, ScriptedAnswer.InternalError());

        var throttled = await _wire.CallAsync("AdminListGroupsForUser", new JsonObject { ["UserPoolId"] = OldPool, ["Username"] = "bob" });
        var then = await _wire.CallAsync("AdminListGroupsForUser", new JsonObject { ["UserPoolId"] = OldPool, ["Username"] = "bob" });
        var failed = await _wire.CallAsync("AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = NewPool, ["Username"] = "bob", ["GroupName"] = "employees" });

        throttled.Type.ShouldBe("TooManyRequestsException");
        then.Status.ShouldBe(200);
        failed.Status.ShouldBe(500);
        _pool.GroupsOf("bob", NewPool).ShouldBeEmpty();
        _pool.CallCount("AdminListGroupsForUser").ShouldBe(2);
    }

    [Fact]
    public async Task DescribeUserPool_PreTokenGenerationSet_ReportedInLambdaConfig()
    {
        _pool.SetPreTokenGeneration("arn:aws:lambda:eu-west-1:111122223333:function:rewrite");

        var withTrigger = await _wire.CallAsync("DescribeUserPool", new JsonObject { ["UserPoolId"] = OldPool });
        var without = await _wire.CallAsync("DescribeUserPool", new JsonObject { ["UserPoolId"] = NewPool });

        withTrigger.Body!["UserPool"]!["LambdaConfig"]!["PreTokenGeneration"]!.GetValue<string>().ShouldBe("arn:aws:lambda:eu-west-1:111122223333:function:rewrite");
        without.Body!["UserPool"]!["LambdaConfig"]!.AsObject().Count.ShouldBe(0);
        without.Body["UserPool"]!["SchemaAttributes"]!.AsArray().Select(a => a!["Name"]!.GetValue<string>()).ShouldBe(["email", "custom:pending_groups", "custom:frozen"]);
    }
}
