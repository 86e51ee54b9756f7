using AttrMapper.Cognito;

namespace AttrMapper.Tests.Fakes;

/// <summary>An in-memory old pool whose every answer a test scripts; it records each call it receives.</summary>
internal sealed class FakeOldPool : IOldPool
{
    private readonly Queue<Func<CancellationToken, Task<AuthResult>>> auth = new();
    private readonly Queue<Func<CancellationToken, Task<OldUser>>> getUser = new();
    private readonly Queue<Func<CancellationToken, Task<IReadOnlyList<OldUser>>>> listUsers = new();
    private readonly Queue<Func<CancellationToken, Task<GroupsPage>>> groups = new();

    public List<string> Calls { get; } = [];

    public FakeOldPool Auth(AuthResult result) => Enqueue(auth, _ => Task.FromResult(result));

    public FakeOldPool AuthFails(CognitoException error, Action? beforeThrow = null) => Enqueue<AuthResult>(auth, _ =>
    {
        beforeThrow?.Invoke();
        throw error;
    });

    public FakeOldPool AuthHangs() => Enqueue(auth, async ct =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        return new AuthResult(true, null);
    });

    public FakeOldPool User(OldUser user) => Enqueue(getUser, _ => Task.FromResult(user));

    public FakeOldPool UserFails(CognitoException error) => Enqueue<OldUser>(getUser, _ => throw error);

    public FakeOldPool Lookup(params OldUser[] users) => Enqueue<IReadOnlyList<OldUser>>(listUsers, _ => Task.FromResult<IReadOnlyList<OldUser>>(users));

    public FakeOldPool GroupsPage(string? next, params string[] names) => Enqueue(groups, _ => Task.FromResult(new GroupsPage(names, next)));

    public FakeOldPool GroupsFail(CognitoException error) => Enqueue<GroupsPage>(groups, _ => throw error);

    public FakeOldPool GroupsHang() => Enqueue(groups, async ct =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        return new GroupsPage([], null);
    });

    public Task<GroupsPage> AdminListGroupsForUserAsync(string username, string? nextToken, CancellationToken ct) =>
        Next(groups, $"AdminListGroupsForUser {username} next={nextToken}", ct);

    public Task<AuthResult> AdminInitiateAuthAsync(string username, string password, CancellationToken ct) =>
        Next(auth, $"AdminInitiateAuth {username}", ct);

    public Task<OldUser> AdminGetUserAsync(string username, CancellationToken ct) =>
        Next(getUser, $"AdminGetUser {username}", ct);

    public Task<IReadOnlyList<OldUser>> ListUsersAsync(string attributeName, string value, int limit, CancellationToken ct) =>
        Next(listUsers, $"ListUsers {attributeName}={value} limit={limit}", ct);

    private FakeOldPool Enqueue<T>(Queue<Func<CancellationToken, Task<T>>> queue, Func<CancellationToken, Task<T>> answer)
    {
        queue.Enqueue(answer);
        return this;
    }

    private Task<T> Next<T>(Queue<Func<CancellationToken, Task<T>>> queue, string call, CancellationToken ct)
    {
        Func<CancellationToken, Task<T>>? answer;
        lock (Calls)
        {
            // The group read runs beside AdminGetUser.
            Calls.Add(call);
            queue.TryDequeue(out answer);
        }

        return answer is not null ? answer(ct) : throw new InvalidOperationException($"unscripted call: {call}");
    }
}
