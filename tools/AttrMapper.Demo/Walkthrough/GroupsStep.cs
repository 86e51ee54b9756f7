using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AttrMapper.Demo.Stack;
using AttrMapper.LocalPeers;

namespace AttrMapper.Demo.Walkthrough;

/// <summary>
/// The demo's groups step: a user's old-pool groups reach the first session's ID token and the new pool's memberships, and a
/// marker the user forges through their own UpdateUserAttributes gains nothing (DESIGN.md §5 "Group membership").
/// </summary>
public sealed class GroupsStep(LocalMigrationStack stack, TextWriter output)
{
    /// <summary>The old pool's groups; the demo maps copy admins and editors, rename staff -> employees, drop beta-testers.</summary>
    public static IReadOnlyList<string> OldGroups { get; } = ["admins", "editors", "staff", "beta-testers"];

    /// <summary>The groups the operator created in the new pool beforehand.</summary>
    public static IReadOnlyList<string> NewGroups { get; } = ["admins", "editors", "employees"];

    /// <summary>grace's groups in the old pool: not admins.</summary>
    public static IReadOnlyList<string> GraceOldGroups { get; } = ["beta-testers", "editors", "staff"];

    /// <summary>The marker grace forges: the groups part says admins, the tag is 32 random bytes (she does not have the key).</summary>
    public static string ForgedMarker { get; } =
        "v1." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes("[\"admins\"]")) + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public async Task RunAsync(string number, CancellationToken ct)
    {
        var marker = stack.MarkerAttribute ?? throw new InvalidOperationException("the demo map has no groups section");
        var grace = DemoUsers.WithGroups;
        output.WriteLine();
        output.WriteLine($"{number}. Groups move with the user. Old pool groups: {string.Join(", ", OldGroups)}; the new pool has {string.Join(", ", NewGroups)}.");
        output.WriteLine("   The map's groups section copies admins and editors, renames staff -> employees, drops beta-testers. The new pool's");
        output.WriteLine("   pre token generation and post authentication triggers call the same bootstrap.");
        await stack.CreateOldGroupsAsync(OldGroups, ct).ConfigureAwait(false);
        await stack.CreateNewGroupsAsync(NewGroups, ct).ConfigureAwait(false);
        await stack.AddOldUserAsync(grace.Username, grace.Password, grace.Attributes, ct: ct).ConfigureAwait(false);
        foreach (var group in GraceOldGroups)
        {
            await stack.AddOldUserToGroupAsync(grace.Username, group, ct).ConfigureAwait(false);
        }

        output.WriteLine($"   {grace.Username} is in {string.Join(", ", GraceOldGroups)} in the OLD pool, and not yet in the new pool. She signs in:");
        var first = await SignInAsync(grace, "1st: migrates", marker, ct).ConfigureAwait(false);
        output.WriteLine("  One sign-in: the migration answer carried the mapped groups in the marker, post authentication added them to the");
        output.WriteLine("  new pool and deleted the marker, pre token generation put them into this very session's tokens.");

        output.WriteLine();
        output.WriteLine($"   {grace.Username} now writes {marker} = {ForgedMarker}");
        output.WriteLine("   (groups part: [\"admins\"]; the tag is random: she has no key) through her own UpdateUserAttributes, with her access token:");
        var refused = await stack.UpdateOwnAttributeAsync(first.AccessToken!, marker, ForgedMarker, ct).ConfigureAwait(false);
        output.WriteLine(refused is null
            ? "   the pool accepts the write (a real new pool refuses it when, as in the Terraform example, no app client may write the marker)"
            : $"   the pool refuses the write: {refused}");
        await SignInAsync(grace, "2nd: forged", marker, ct).ConfigureAwait(false);
        output.WriteLine("  The forged marker's tag does not verify: marker_rejected (counted: MarkersRejected, which the dashboard alarms on),");
        output.WriteLine("  no group added, the token unchanged. A real marker copied from another user, pool or key fails the same way.");
    }

    /// <summary>One sign-in and its row: what each trigger logged, the session's ID token groups, what the new pool then holds.</summary>
    private async Task<NewPoolSession> SignInAsync(DemoUser user, string label, string marker, CancellationToken ct)
    {
        var before = stack.Function.InvocationCount;
        var session = await stack.SignInForSessionAsync(user.Username, user.TypedPassword, ct).ConfigureAwait(false);
        var lines = await FunctionLog.SinceAsync(stack, before, ct).ConfigureAwait(false);
        var said = lines.Count == 0 ? "not called" : string.Join('\n', lines.Select(l => FunctionLog.Describe(l.Line)));
        var tokenGroups = session.IdToken is { } idToken
            ? ScriptedOldPool.DecodeTokenPayload(idToken)["cognito:groups"] is JsonArray groups
                ? string.Join('\n', groups.Select(g => g?.GetValue<string>()))
                : "(no cognito:groups claim)"
            : "(no token)";
        var membership = await stack.NewPoolGroupsAsync(user.Username, ct).ConfigureAwait(false);
        var now = await stack.GetNewPoolUserAsync(user.Username, ct).ConfigureAwait(false);
        var held = now is null ? "(no user)"
            : !now.Attributes.TryGetValue(marker, out var value) ? "(none)"
            : value == ForgedMarker ? "the forged value" : "a marker";
        var table = new TextTable("sign-in", "the function (one log line per trigger)", "cognito:groups in THIS session's ID token (decoded)",
            "the new pool's groups (AdminListGroupsForUser)", $"{marker} (AdminGetUser)");
        table.Add($"{label}\n{session.Result}", said, tokenGroups, membership.Count == 0 ? "(none)" : string.Join('\n', membership), held);
        table.WriteTo(output);
        return session;
    }
}
