using System.CommandLine;
using System.Globalization;
using System.Text;
using AttrMapper.Cli.Aws;
using AttrMapper.Cli.Maps;
using AttrMapper.Cli.Output;
using AttrMapper.Cli.Progress;
using AttrMapper.Cognito;
using AttrMapper.Mapping;
using AttrMapper.Migration;

namespace AttrMapper.Cli.Commands;

/// <summary><c>progress</c>: how far the migration has got, by listing both pools (read only).</summary>
internal static class ProgressCommand
{
    public static Command Create(CliContext context)
    {
        var oldPool = new Option<string>("--old-pool") { Description = "OLD pool id", Required = true };
        var newPool = new Option<string>("--new-pool") { Description = "NEW pool id", Required = true };
        var rate = CommonOptions.Rate(context.Tuning.ListUsersPerSecond, "ListUsers calls per second across both pools (Cognito's quota is 30/s per account and region)");
        var parameter = CommonOptions.Parameter(required: false);
        parameter.Description = "The new pool's map parameter: count only the old users its select takes (one pool per tenant); the others are \"not this pool's\"";
        var noProgress = CommonOptions.NoProgress();
        var json = CommonOptions.Json();
        var command = new Command(
            "progress",
            "Count the old pool's users, the new pool's, and how many old users already exist in the new pool " +
            "(by username; also by email or phone when the new pool signs in by them). Paginated ListUsers, rate-limited, backs off on TooManyRequests.")
        {
            oldPool, newPool, parameter, rate, noProgress, json,
        };
        command.SetAction((parse, ct) => CommandRun.RunAsync(context, parse.GetValue(json), async session =>
        {
            var oldId = parse.GetRequiredValue(oldPool);
            var newId = parse.GetRequiredValue(newPool);
            if (string.Equals(oldId, newId, StringComparison.Ordinal))
            {
                throw CliException.Usage("--old-pool and --new-pool are the same pool");
            }

            // The map first, as preview does: an invalid map stops before any pool is listed.
            var parameterName = parse.GetValue(parameter);
            AttributeMap? map = null;
            long? mapVersion = null;
            if (parameterName is not null)
            {
                var stored = await new MapParameter(session.Ssm(session.Pool(oldId).Options.Region), parameterName).GetAsync(ct).ConfigureAwait(false);
                var document = LoadedDocument.From(Encoding.UTF8.GetBytes(stored.Document));
                if (!document.IsValid)
                {
                    throw new CliException(ExitCodes.Invalid, "invalid_map", $"{parameterName} version {stored.Version}: the stored map is invalid, so what it selects is unknown",
                        $"attrmapper map pull --parameter {parameterName} | attrmapper map validate /dev/stdin");
                }

                map = document.Result.Map!;
                mapVersion = stored.Version;
            }

            var limiter = new RateLimiter(parse.GetValue(rate), context.Time);
            var bar = new ProgressBar(context.Error, context.ErrorIsTerminal && !context.IsCi && !parse.GetValue(json) && !parse.GetValue(noProgress));
            var newDescription = await MapCommands.DescribeAsync(session, newId, "new pool", ct).ConfigureAwait(false);
            var oldDescription = await MapCommands.DescribeAsync(session, oldId, "old pool", ct).ConfigureAwait(false);
            var selects = map?.Select is null ? null : new Func<OldUser, bool>(user => MigrationDecision.IsSelected(user, map));
            var tally = new MigrationTally(newDescription.UsernameAttributes, selects);

            var throttled = 0;
            try
            {
                throttled += await new PoolPager(session.Admin(newId), "new pool", limiter, context.Tuning).ForEachPageAsync(users =>
                {
                    tally.AddNewUsers(users);
                    bar.Draw($"new pool {newId}", tally.NewUsers, newDescription.EstimatedNumberOfUsers);
                }, ct).ConfigureAwait(false);
                throttled += await new PoolPager(session.Admin(oldId), "old pool", limiter, context.Tuning).ForEachPageAsync(users =>
                {
                    tally.AddOldUsers(users);
                    bar.Draw($"old pool {oldId}", tally.OldUsers, oldDescription.EstimatedNumberOfUsers);
                }, ct).ConfigureAwait(false);
            }
            finally
            {
                bar.Clear();
            }

            var percent = tally.OldUsers == 0 ? 100.0 : 100.0 * tally.Migrated / tally.OldUsers;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Out, w =>
                {
                    w.WriteNumber("exitCode", ExitCodes.Ok);
                    w.WriteString("oldPool", oldId);
                    w.WriteString("newPool", newId);
                    w.WriteStringOrNull("parameter", parameterName);
                    if (mapVersion is { } version)
                    {
                        w.WriteNumber("mapVersion", version);
                    }
                    else
                    {
                        w.WriteNull("mapVersion");
                    }

                    w.WriteBoolean("selects", selects is not null);
                    w.WriteNumber("oldUsers", tally.OldUsers);
                    w.WriteNumber("newUsers", tally.NewUsers);
                    w.WriteNumber("migrated", tally.Migrated);
                    w.WriteNumber("remaining", tally.OldUsers - tally.Migrated);
                    w.WriteNumber("notThisPools", tally.NotSelected);
                    w.WriteNumber("percentMigrated", Math.Round(percent, 1));
                    w.WriteString("matchedBy", tally.MatchedBy);
                    w.WriteNumber("throttledRetries", throttled);
                });
            }
            else
            {
                var o = context.Out;
                o.WriteLine(selects is null
                    ? $"old pool {oldId}: {Users(tally.OldUsers)}"
                    : $"old pool {oldId}: {Users(tally.OldUsers)} this pool's map selects ({parameterName} version {mapVersion}, select {map!.Select!.Attribute}); {tally.NotSelected} not this pool's, left out");
                o.WriteLine($"new pool {newId}: {Users(tally.NewUsers)}");
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"migrated: {tally.Migrated} of {tally.OldUsers} old users ({percent:0.0}%), {tally.OldUsers - tally.Migrated} remaining (matched by {tally.MatchedBy})"));
                if (throttled > 0)
                {
                    o.WriteLine($"note: Cognito throttled {throttled} ListUsers call{(throttled == 1 ? string.Empty : "s")}; retried after a backoff");
                }
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static string Users(long count) => count == 1 ? "1 user" : $"{count} users";
}
