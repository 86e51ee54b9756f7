using System.CommandLine;
using System.Text.Json;
using AttrMapper.Cli.Aws;
using AttrMapper.Cli.Maps;
using AttrMapper.Cli.Output;
using AttrMapper.Cli.Progress;
using AttrMapper.Cli.Settle;
using AttrMapper.Groups;
using AttrMapper.Mapping;

namespace AttrMapper.Cli.Commands;

/// <summary><c>groups settle</c>: finish, from the operator's side, the users who carry a marker but have not signed in again.</summary>
internal static class GroupsCommand
{
    public static Command Create(CliContext context)
    {
        var groups = new Command("groups", "Group membership carried by the migration (DESIGN.md §5 \"Group membership\").")
        {
            Settle(context),
        };
        return groups;
    }

    private static Command Settle(CliContext context)
    {
        var newPool = new Option<string>("--new-pool") { Description = "NEW pool id: its users are listed (ListUsers) and settled there", Required = true };
        var keyParameter = new Option<string>("--key-parameter")
        {
            Description = "The function's KEY_PARAMETER (SecureString): markers verify only under the key that tagged them",
            Required = true,
        };
        var oldPool = new Option<string>("--old-pool") { Description = "OLD pool id: read the old groups of a lookup marker (AdminListGroupsForUser); without it those users fail and keep their marker" };
        var parameter = CommonOptions.Parameter(required: false);
        parameter.Description = "The map parameter the function uses (its groups section names the marker and maps a lookup's groups)";
        var mapFile = new Option<string>("--map") { Description = "The map from this file instead of --parameter" };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be done and write nothing (lookup markers still read the old pool)" };
        var deleteRejected = new Option<bool>("--delete-rejected")
        {
            Description = "Delete markers whose tag does not verify (by default they are left in place: harmless, and evidence)",
        };
        var rate = CommonOptions.Rate(context.Tuning.ListUsersPerSecond, "Calls per second, ListUsers and the writes together (ListUsers' quota is 30/s per account and region, shared)");
        var noProgress = CommonOptions.NoProgress();
        var json = CommonOptions.Json();
        var command = new Command(
            "settle",
            "Find the new pool's users still carrying the groups marker and settle them as the post-authentication trigger does: verify the tag, " +
            "add the memberships (AdminAddUserToGroup), delete the marker. A marker that does not verify is never acted on. " +
            "Exit 1 when some marker is left: a failure, or a rejected marker. Give exactly one of --map or --parameter.")
        {
            newPool, keyParameter, oldPool, parameter, mapFile, dryRun, deleteRejected, rate, noProgress, json,
        };
        command.SetAction((parse, ct) => CommandRun.RunAsync(context, parse.GetValue(json), async session =>
        {
            var newId = parse.GetRequiredValue(newPool);
            var oldId = parse.GetValue(oldPool);
            var file = parse.GetValue(mapFile);
            var parameterName = parse.GetValue(parameter);
            var isDryRun = parse.GetValue(dryRun);
            MapChoice.RequireOne(file, parameterName, "the map's groups section names the marker attribute");

            if (oldId is not null && string.Equals(oldId, newId, StringComparison.Ordinal))
            {
                throw CliException.Usage("--old-pool and --new-pool are the same pool");
            }

            // Everything that can be wrong offline or in Parameter Store is found before the pool is touched.
            var settlement = session.Settlement(newId, oldId);
            var region = AttrMapper.Aws.AwsEndpoints.RegionOfPool(newId);
            var (map, mapSource) = await LoadMapAsync(session, file, parameterName, region, ct).ConfigureAwait(false);
            var key = await new KeyParameter(session.Ssm(region), parse.GetRequiredValue(keyParameter)).GetAsync(ct).ConfigureAwait(false);

            var description = await MapCommands.DescribeAsync(session, newId, "new pool", ct).ConfigureAwait(false);
            var kind = MarkerSettlement.SignInKindOf(description.UsernameAttributes ?? []);
            var limiter = new RateLimiter(parse.GetValue(rate), context.Time);
            var run = new MarkerRun(settlement, key, newId, kind, map, limiter, context.Tuning, isDryRun, parse.GetValue(deleteRejected));
            var bar = new ProgressBar(context.Error, context.ErrorIsTerminal && !context.IsCi && !parse.GetValue(json) && !parse.GetValue(noProgress));

            var results = new List<UserSettle>();
            long listed = 0;
            int listThrottled;
            try
            {
                listThrottled = await new PoolPager(session.Admin(newId), "new pool", limiter, context.Tuning).ForEachPageAsync(async users =>
                {
                    foreach (var user in users)
                    {
                        if (await run.RunAsync(user, ct).ConfigureAwait(false) is { } result)
                        {
                            results.Add(result);
                        }
                    }

                    listed += users.Count;
                    bar.Draw($"new pool {newId}", listed, description.EstimatedNumberOfUsers);
                }, ct).ConfigureAwait(false);
            }
            finally
            {
                bar.Clear();
            }

            var tally = new Tally(results);
            var exit = tally.Left > 0 ? ExitCodes.Invalid : ExitCodes.Ok;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Out, w => WriteJson(w, exit, newId, oldId, mapSource, map, isDryRun, listed, tally, results, listThrottled + run.ThrottledRetries));
            }
            else
            {
                WriteHuman(context.Out, newId, mapSource, map, isDryRun, listed, tally, results, listThrottled + run.ThrottledRetries);
            }

            return exit;
        }, ct));
        return command;
    }

    private static async Task<(GroupMap Map, string Source)> LoadMapAsync(AwsSession session, string? file, string? parameterName, string region, CancellationToken ct)
    {
        var (document, _, source, _, _) = await MapChoice.ReadAsync(session, file, parameterName, region, ct).ConfigureAwait(false);
        if (!document.IsValid)
        {
            throw new CliException(ExitCodes.Invalid, "invalid_map", $"{source}: the map is invalid, so which attribute is the marker is unknown; nothing was done",
                $"attrmapper map validate shows every problem ({FindingsOutput.Summary(document.Findings())})");
        }

        return document.Result.Map!.Groups is { } groups
            ? (groups, source)
            : throw CliException.Usage($"{source}: the map has no groups section, so there is no marker to settle");
    }

    private sealed class Tally(List<UserSettle> results)
    {
        public int Count(SettleOutcome outcome) => results.Count(r => r.Outcome == outcome);

        public int Settled => Count(SettleOutcome.Settled);

        public int WouldSettle => Count(SettleOutcome.WouldSettle);

        public int Rejected => Count(SettleOutcome.Rejected) + Count(SettleOutcome.RejectedDeleted);

        public int RejectedDeleted => Count(SettleOutcome.RejectedDeleted);

        public int Failed => Count(SettleOutcome.Failed);

        public int GroupsAdded => results.Where(r => r.Outcome == SettleOutcome.Settled).Sum(r => r.Groups.Count);

        public int GroupsMissing => results.Sum(r => r.Missing.Count);

        /// <summary>Markers still there that this run did not settle: failures and rejected markers left in place.</summary>
        public int Left => Failed + Count(SettleOutcome.Rejected);
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Name(SettleOutcome outcome) => outcome switch
    {
        SettleOutcome.Settled => "settled",
        SettleOutcome.WouldSettle => "would_settle",
        SettleOutcome.Rejected => "rejected",
        SettleOutcome.RejectedDeleted => "rejected_deleted",
        _ => "failed",
    };

    private static void WriteJson(
        Utf8JsonWriter w, int exit, string newId, string? oldId, string mapSource, GroupMap map, bool dryRun, long listed, Tally tally,
        List<UserSettle> results, int throttled)
    {
        w.WriteNumber("exitCode", exit);
        w.WriteString("newPool", newId);
        w.WriteStringOrNull("oldPool", oldId);
        w.WriteString("map", mapSource);
        w.WriteString("marker", map.Marker);
        w.WriteBoolean("dryRun", dryRun);
        w.WriteNumber("usersListed", listed);
        w.WriteNumber("markers", results.Count);
        w.WriteNumber("settled", tally.Settled);
        w.WriteNumber("wouldSettle", tally.WouldSettle);
        w.WriteNumber("rejected", tally.Rejected);
        w.WriteNumber("rejectedDeleted", tally.RejectedDeleted);
        w.WriteNumber("failed", tally.Failed);
        w.WriteNumber("groupsAdded", tally.GroupsAdded);
        w.WriteNumber("groupsMissing", tally.GroupsMissing);
        w.WriteNumber("throttledRetries", throttled);
        w.WriteStartArray("users");
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("username", r.Username);
            w.WriteString("outcome", Name(r.Outcome));
            w.WriteBoolean("lookup", r.Lookup);
            w.WriteStartArray("groups");
            foreach (var g in r.Groups)
            {
                w.WriteStringValue(g);
            }

            w.WriteEndArray();
            w.WriteStartArray("missing");
            foreach (var g in r.Missing)
            {
                w.WriteStringValue(g);
            }

            w.WriteEndArray();
            w.WriteStringOrNull("reason", r.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteHuman(
        TextWriter o, string newId, string mapSource, GroupMap map, bool dryRun, long listed, Tally tally, List<UserSettle> results, int throttled)
    {
        o.WriteLine($"groups settle on {newId}{(dryRun ? " (dry run: nothing is written)" : string.Empty)}: map {mapSource}, marker {map.Marker}");
        foreach (var r in results)
        {
            var groups = r.Groups.Count == 0 ? "no group" : string.Join(", ", r.Groups);
            o.WriteLine(r.Outcome switch
            {
                SettleOutcome.Settled => $"  settled       {r.Username}: {groups}"
                    + (r.Missing.Count > 0 ? $"; not in the pool, skipped for good: {string.Join(", ", r.Missing)}" : string.Empty)
                    + "; marker deleted",
                SettleOutcome.WouldSettle => $"  would settle  {r.Username}: {groups}{(r.Lookup ? " (looked up in the old pool)" : string.Empty)}; then delete the marker",
                SettleOutcome.Rejected or SettleOutcome.RejectedDeleted => $"  REJECTED      {r.Username}: {r.Reason}",
                _ => $"  FAILED        {r.Username}: {r.Reason}",
            });
        }

        var summary = dryRun
            ? $"{listed} users listed, {results.Count} with a marker: {tally.WouldSettle} would be settled, {tally.Rejected} rejected, {tally.Failed} failed"
            : $"{listed} users listed, {results.Count} with a marker: {tally.Settled} settled ({Plural(tally.GroupsAdded, "membership")}, {Plural(tally.GroupsMissing, "group")} missing), "
                + $"{tally.Rejected} rejected{(tally.RejectedDeleted > 0 ? $" ({tally.RejectedDeleted} deleted)" : string.Empty)}, {tally.Failed} failed";
        o.WriteLine(summary);
        if (tally.Rejected > 0)
        {
            o.WriteLine("note: a rejected marker gained nothing; someone or something wrote it without the function's key (check app clients' WriteAttributes: attrmapper map validate --pool)");
        }

        if (throttled > 0)
        {
            o.WriteLine($"note: Cognito throttled {throttled} call{(throttled == 1 ? string.Empty : "s")}; retried after a backoff");
        }
    }
}
