using AttrMapper.Cognito;

namespace AttrMapper.Tests.Fakes;

/// <summary>An in-memory new pool: its username attributes, its groups, scripted failures; records every call.</summary>
internal sealed class FakeNewPool : INewPool
{
    public List<string> Calls { get; } = [];

    public List<string> UsernameAttributes { get; set; } = [];

    public HashSet<string> Groups { get; } = new(StringComparer.Ordinal) { "admins", "employees", "migrated" };

    /// <summary>Operation name → what it throws (or a hang when the value is null).</summary>
    public Dictionary<string, CognitoException?> Faults { get; } = [];

    public HashSet<string> Memberships { get; } = [];

    public List<string> Deleted { get; } = [];

    public async Task<IReadOnlyList<string>> UsernameAttributesAsync(string userPoolId, CancellationToken ct)
    {
        await Record("DescribeUserPool", $"DescribeUserPool {userPoolId}", ct);
        return UsernameAttributes;
    }

    public async Task AdminAddUserToGroupAsync(string userPoolId, string username, string groupName, CancellationToken ct)
    {
        await Record("AdminAddUserToGroup", $"AdminAddUserToGroup {userPoolId} {username} {groupName}", ct);
        if (!Groups.Contains(groupName))
        {
            throw new CognitoException(CognitoErrorKind.Configuration, "ResourceNotFoundException", 400, surelyUnprocessed: false);
        }

        Memberships.Add($"{username}:{groupName}");
    }

    public async Task AdminDeleteUserAttributesAsync(string userPoolId, string username, string attributeName, CancellationToken ct)
    {
        await Record("AdminDeleteUserAttributes", $"AdminDeleteUserAttributes {userPoolId} {username} {attributeName}", ct);
        Deleted.Add($"{username}:{attributeName}");
    }

    private async Task Record(string operation, string call, CancellationToken ct)
    {
        lock (Calls)
        {
            Calls.Add(call);
        }

        if (Faults.TryGetValue(operation, out var fault))
        {
            if (fault is null)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            throw fault!;
        }
    }
}
