using AttrMapper.LocalPeers;

namespace AttrMapper.Cli.Tests.Commands;

[Collection(LocalStackCollection.Name)]
public sealed class ProgressCommandTests(LocalStack stack)
{
    private const string OldPool = "eu-west-1_OldPool1";
    private const string NewPool = "eu-west-1_NewPool1";

    [Fact]
    public async Task Progress_CognitoLocal_CountsBothPoolsAndTheMigratedUsers()
    {
        var result = await CliRun.RunAsync(stack.Environment(), "progress", "--old-pool", stack.OldPoolId, "--new-pool", stack.NewPoolId, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        var json = result.Json();
        json.GetProperty("oldUsers").GetInt64().ShouldBe(3);
        json.GetProperty("newUsers").GetInt64().ShouldBe(1);
        json.GetProperty("migrated").GetInt64().ShouldBe(1);
        json.GetProperty("remaining").GetInt64().ShouldBe(2);
        json.GetProperty("matchedBy").GetString().ShouldBe("username");
    }

    [Fact]
    public async Task Progress_Human_SaysHowFarAndDrawsNoBarWhenRedirected()
    {
        var result = await CliRun.RunAsync(stack.Environment(), "progress", "--old-pool", stack.OldPoolId, "--new-pool", stack.NewPoolId);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("migrated: 1 of 3 old users (33.3%), 2 remaining");
        result.Error.ShouldNotContain("\r");
    }

    [Fact]
    public async Task Progress_ManyPages_FollowsThePaginationTokens()
    {
        await using var pool = await ScriptedOldPool.StartAsync(OldPool);
        pool.AddPool(NewPool);
        for (var i = 0; i < 130; i++)
        {
            pool.AddUser(new FakeUser { Username = $"user{i:D3}", Password = "unused" });
            if (i % 2 == 0)
            {
                pool.AddPoolUser(NewPool, new FakeUser { Username = $"USER{i:D3}", Password = "unused" });
            }
        }

        var result = await CliRun.RunAsync(CliRun.Environment(pool.Endpoint), "progress", "--old-pool", OldPool, "--new-pool", NewPool, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        var json = result.Json();
        json.GetProperty("oldUsers").GetInt64().ShouldBe(130);
        json.GetProperty("newUsers").GetInt64().ShouldBe(65);
        json.GetProperty("migrated").GetInt64().ShouldBe(65);
        pool.CallCount("ListUsers").ShouldBe(2 + 3);
    }

    [Fact]
    public async Task Progress_NewPoolSignsInByEmail_MatchesOnEmail()
    {
        await using var pool = await ScriptedOldPool.StartAsync(OldPool);
        pool.UsernameAttributes.Add("email");
        pool.AddPool(NewPool);
        pool.AddUser(new FakeUser { Username = "alice", Password = "unused", Attributes = [new("email", "Alice@Example.com")] });
        pool.AddUser(new FakeUser { Username = "bob", Password = "unused", Attributes = [new("email", "bob@example.com")] });
        pool.AddPoolUser(NewPool, new FakeUser { Username = "6f1c1a52-0d8e-4c5b-9d43-7f7b0c5e0a11", Password = "unused", Attributes = [new("email", "alice@example.com")] });

        var result = await CliRun.RunAsync(CliRun.Environment(pool.Endpoint), "progress", "--old-pool", OldPool, "--new-pool", NewPool, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        var json = result.Json();
        json.GetProperty("migrated").GetInt64().ShouldBe(1);
        json.GetProperty("matchedBy").GetString().ShouldBe("username or email");
    }

    [Fact]
    public async Task Progress_Throttled_BacksOffAndCompletes()
    {
        await using var pool = await ScriptedOldPool.StartAsync(OldPool);
        pool.AddPool(NewPool);
        pool.AddUser(new FakeUser { Username = "alice", Password = "unused" });
        pool.Script("ListUsers", null, ScriptedAnswer.Throttled(), ScriptedAnswer.Throttled(), ScriptedAnswer.FromUsers);

        var result = await CliRun.RunAsync(CliRun.Environment(pool.Endpoint), "progress", "--old-pool", OldPool, "--new-pool", NewPool, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        var json = result.Json();
        json.GetProperty("oldUsers").GetInt64().ShouldBe(1);
        json.GetProperty("throttledRetries").GetInt32().ShouldBe(2);
        pool.CallCount("ListUsers").ShouldBe(4);
    }

    [Fact]
    public async Task Progress_ThrottledEveryTime_GivesUpWithExitThree()
    {
        await using var pool = await ScriptedOldPool.StartAsync(OldPool);
        pool.AddPool(NewPool);
        pool.Script("ListUsers", null, ScriptedAnswer.Throttled());

        var result = await CliRun.RunAsync(CliRun.Environment(pool.Endpoint), "progress", "--old-pool", OldPool, "--new-pool", NewPool, "--json");

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Json().GetProperty("error").GetProperty("kind").GetString().ShouldBe("throttled");
        pool.CallCount("ListUsers").ShouldBe(CliRun.FastTuning.MaxAttempts);
    }

    [Fact]
    public async Task Progress_UnknownPool_ExitsFour()
    {
        var result = await CliRun.RunAsync(stack.Environment(), "progress", "--old-pool", "local_nosuchpool", "--new-pool", stack.NewPoolId);

        result.ExitCode.ShouldBe(4, result.ToString());
    }

    [Fact]
    public async Task Progress_Unreachable_ExitsThree()
    {
        var result = await CliRun.RunAsync(CliRun.Environment(new Uri("http://127.0.0.1:9/")), "progress", "--old-pool", OldPool, "--new-pool", NewPool);

        result.ExitCode.ShouldBe(3, result.ToString());
    }
}
