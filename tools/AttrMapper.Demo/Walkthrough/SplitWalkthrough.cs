using AttrMapper.Demo.Stack;

namespace AttrMapper.Demo.Walkthrough;

/// <summary>
/// `make demo-split`: one old pool with acme and globex users, one new pool per tenant, each with its own published
/// bootstrap and map. Every user signs in to their own pool (migrated) and to the other tenant's (refused), then each
/// pool is listed. <see cref="RunAsync"/> returns the facts, so a test can assert them instead of the table's layout.
/// </summary>
public sealed class SplitWalkthrough(string repositoryRoot, string bootstrapPath, TextWriter output, bool ownProcessGroups = false)
{
    /// <summary>The demo's users: a password they all share (local only), their tenants.</summary>
    public const string Password = "Split-Demo-Passw0rd!";

    public static readonly IReadOnlyList<(string Username, string Email, string Tenant)> Users =
    [
        ("alice", "alice@acme.example", "acme"),
        ("arjun", "arjun@acme.example", "acme"),
        ("greta", "greta@globex.example", "globex"),
        ("gus", "gus@globex.example", "globex"),
    ];

    public async Task<SplitFacts> RunAsync(CancellationToken ct)
    {
        await output.WriteLineAsync("Starting: old pool (cognito-local), and per tenant a new pool, its trigger and its own published bootstrap...").ConfigureAwait(false);
        var notSelected = 0;
        await using var stack = await LocalSplitStack.StartAsync(new SplitStackOptions
        {
            RepositoryRoot = repositoryRoot,
            BootstrapPath = bootstrapPath,
            OwnProcessGroups = ownProcessGroups,
            // The functions' own log lines (reason codes only, never attribute values): count the refusals they explain.
            FunctionOutput = line =>
            {
                if (line.Text.Contains("\"reason\":\"not_selected\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref notSelected);
                }
            },
        }, ct).ConfigureAwait(false);
        foreach (var tenant in stack.Tenants)
        {
            var pool = stack.Tenant(tenant);
            await output.WriteLineAsync($"  {tenant}: pool {pool.UserPoolId}, map {pool.MapParameter} selects custom:tenant in [{tenant}]").ConfigureAwait(false);
        }

        foreach (var (username, email, tenant) in Users)
        {
            await stack.AddOldUserAsync(username, Password, [new("email", email), new("email_verified", "true"), new("custom:tenant", tenant)], ct).ConfigureAwait(false);
        }

        var attempts = new List<SplitAttempt>();
        var table = new TextTable("user", "tenant", "signs in to", "answer", "now in that pool");
        // The other tenant's pool first: a refusal there must not depend on the user having migrated elsewhere already.
        foreach (var (username, _, tenant) in Users)
        {
            foreach (var pool in stack.Tenants.OrderBy(t => t == tenant ? 1 : 0))
            {
                var result = await stack.SignInAsync(pool, username, Password, ct).ConfigureAwait(false);
                var landed = await stack.GetUserAsync(pool, username, ct).ConfigureAwait(false);
                attempts.Add(new SplitAttempt(username, tenant, pool, result.SignedIn, result.ErrorType, landed?.Attributes.GetValueOrDefault("custom:tenant_id")));
                table.Add(username, tenant, pool + (pool == tenant ? " (own)" : " (other)"), result.ToString(),
                    landed is null ? "no" : $"yes, custom:tenant_id={landed.Attributes.GetValueOrDefault("custom:tenant_id")}");
            }
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Each user signs in to the other tenant's pool, then to their own:").ConfigureAwait(false);
        table.WriteTo(output);

        var holds = new Dictionary<string, IReadOnlyList<NewPoolUser>>(StringComparer.Ordinal);
        var pools = new TextTable("pool", "users (ListUsers)", "their custom:tenant_id");
        foreach (var tenant in stack.Tenants)
        {
            var users = await stack.ListUsersAsync(tenant, ct).ConfigureAwait(false);
            holds[tenant] = users;
            pools.Add(tenant, string.Join(", ", users.Select(u => u.Username).Order(StringComparer.Ordinal)),
                string.Join(", ", users.Select(u => u.Attributes.GetValueOrDefault("custom:tenant_id") ?? "-").Distinct(StringComparer.Ordinal)));
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("What each new pool holds:").ConfigureAwait(false);
        pools.WriteTo(output);
        await output.WriteLineAsync().ConfigureAwait(false);
        var logged = Volatile.Read(ref notSelected);
        await output.WriteLineAsync($"A user of another tenant gets the pool's generic sign-in failure; the functions logged reason not_selected {logged} time(s).").ConfigureAwait(false);
        return new SplitFacts(attempts, holds, logged);
    }
}
