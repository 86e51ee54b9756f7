using AttrMapper.Cli.Progress;
using AttrMapper.Cognito;

namespace AttrMapper.Cli.Tests.Progress;

public sealed class MigrationTallyTests
{
    private static OldUser User(string name, params (string Name, string Value)[] attributes) =>
        new(name, true, "CONFIRMED", [.. attributes.Select(a => new KeyValuePair<string, string>(a.Name, a.Value))]);

    [Fact]
    public void AddOldUsers_UsernamePool_MatchesUsernamesIgnoringCaseOnly()
    {
        var tally = new MigrationTally([]);
        tally.AddNewUsers([User("Alice", ("email", "x@example.com"))]);

        tally.AddOldUsers([User("alice"), User("bob", ("email", "x@example.com"))]);

        tally.OldUsers.ShouldBe(2);
        tally.NewUsers.ShouldBe(1);
        tally.Migrated.ShouldBe(1);
        tally.MatchedBy.ShouldBe("username");
    }

    [Fact]
    public void AddOldUsers_EmailPool_MatchesEmailButNeverSub()
    {
        var tally = new MigrationTally(["email"]);
        tally.AddNewUsers([User("c0ffee00-0000-0000-0000-000000000001", ("sub", "s-1"), ("email", "Bob@Example.com"))]);

        tally.AddOldUsers([User("bob", ("email", " bob@example.com ")), User("carol", ("sub", "s-1"))]);

        tally.Migrated.ShouldBe(1);
        tally.MatchedBy.ShouldBe("username or email");
    }

    [Fact]
    public void AddOldUsers_UserMatchingTwice_CountsOnce()
    {
        var tally = new MigrationTally(["email", "phone_number"]);
        tally.AddNewUsers([User("dave", ("email", "d@example.com"), ("phone_number", "+15550100"))]);

        tally.AddOldUsers([User("dave", ("email", "d@example.com"), ("phone_number", "+15550100"))]);

        tally.Migrated.ShouldBe(1);
    }

    [Fact]
    public void AddOldUsers_WithSelect_CountsOnlyTheSelectedAndSetsTheOthersApart()
    {
        var tally = new MigrationTally([], user => user.Attributes.Any(a => a.Key == "custom:tenant" && a.Value == "acme"));
        tally.AddNewUsers([User("alice"), User("gina")]);

        tally.AddOldUsers([User("alice", ("custom:tenant", "acme")), User("arjun", ("custom:tenant", "acme")), User("gina", ("custom:tenant", "globex")), User("nora")]);

        tally.OldUsers.ShouldBe(2);
        tally.Migrated.ShouldBe(1);
        tally.NotSelected.ShouldBe(2);
    }
}

