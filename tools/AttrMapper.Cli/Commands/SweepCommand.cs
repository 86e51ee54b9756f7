using System.CommandLine;
using System.Security.Cryptography;
using AttrMapper.Cli.Aws;
using AttrMapper.Cli.Maps;
using AttrMapper.Cli.Output;
using AttrMapper.Cli.Progress;
using AttrMapper.Cli.Sweep;

namespace AttrMapper.Cli.Commands;

/// <summary><c>sweep</c>: the cutover (DESIGN.md §10): imports every old user not yet in the new pool through Cognito's CSV import.</summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        var oldPool = new Option<string>("--old-pool") { Description = "OLD pool id", Required = true };
        var newPool = new Option<string>("--new-pool") { Description = "NEW pool id (the import goes here)", Required = true };
        var parameter = CommonOptions.Parameter(required: false);
        parameter.Description = "Map with the map stored in this parameter (what the function uses)";
        var mapFile = new Option<string>("--map") { Description = "Map with this map file" };
        var output = new Option<string>("--out") { Description = "Directory for the import files, the report and the state a --resume continues from", Required = true };
        var logsRole = new Option<string>("--logs-role-arn") { Description = "IAM role the import job writes its CloudWatch logs with (the Terraform module's import_logs_role_arn); not needed with --dry-run" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Write the files and the report; send nothing to Cognito (no job, no upload)" };
        var resume = new Option<bool>("--resume") { Description = "Continue the sweep recorded in --out after an interruption: nobody is imported twice" };
        var keyParameter = new Option<string>("--key-parameter") { Description = "The function's KEY_PARAMETER (SecureString): needed when the map has groups, to sign each row's marker" };
        var rate = CommonOptions.Rate(context.Tuning.ListUsersPerSecond, "ListUsers calls per second across both pools (Cognito's quota is 30/s per account and region)");
        var noProgress = CommonOptions.NoProgress();
        var json = CommonOptions.Json();

        // Cognito's limits, turned down by tests and the benchmark.
        var maxUsers = new Option<int>("--max-users-per-file") { Hidden = true, DefaultValueFactory = _ => ImportFileLimits.Cognito.MaxUsersPerFile };
        var maxBytes = new Option<long>("--max-bytes-per-file") { Hidden = true, DefaultValueFactory = _ => ImportFileLimits.Cognito.MaxBytesPerFile };
        var poll = new Option<double?>("--poll-seconds") { Hidden = true };

        var command = new Command(
            "sweep",
            "The cutover: import every old user who is not yet in the new pool through Cognito's CSV user import, decided and mapped " +
            "by the function's own forgot-password decision and map (Enabled, CONFIRMED or RESET_REQUIRED, selected, a verified email or phone). " +
            "Everyone else is counted by reason and listed. Imported users are RESET_REQUIRED. Writes to Cognito unless --dry-run.")
        {
            oldPool, newPool, parameter, mapFile, output, logsRole, dryRun, resume, keyParameter, rate, noProgress, json, maxUsers, maxBytes, poll,
        };
        command.SetAction((parse, ct) => CommandRun.RunAsync(context, parse.GetValue(json), async session =>
        {
            var oldId = parse.GetRequiredValue(oldPool);
            var newId = parse.GetRequiredValue(newPool);
            if (string.Equals(oldId, newId, StringComparison.Ordinal))
            {
                throw CliException.Usage("--old-pool and --new-pool are the same pool");
            }

            var file = parse.GetValue(mapFile);
            var parameterName = parse.GetValue(parameter);
            MapChoice.RequireOne(file, parameterName);

            var isDryRun = parse.GetValue(dryRun);
            var role = parse.GetValue(logsRole);
            if (isDryRun && parse.GetValue(resume))
            {
                throw CliException.Usage("--dry-run and --resume do not go together: a dry run starts nothing to resume");
            }

            if (!isDryRun && string.IsNullOrWhiteSpace(role))
            {
                throw CliException.Usage("--logs-role-arn is required to import (Cognito requires the job's CloudWatch Logs role)",
                    "terraform output import_logs_role_arn, or try it first with --dry-run");
            }

            if (parse.GetValue(maxUsers) < 1 || parse.GetValue(maxBytes) < 1024)
            {
                throw CliException.Usage("the file limits must be at least 1 user and 1024 bytes");
            }

            var region = session.Pool(oldId).Options.Region;

            // The map first, as preview does: an invalid map stops before any pool is listed.
            var chosen = await MapChoice.ReadAsync(session, file, parameterName, region, ct).ConfigureAwait(false);

            // A file map is known by its content: a resume with an edited file is another map.
            var source = chosen.File is not null ? "file sha256:" + Convert.ToHexStringLower(SHA256.HashData(chosen.Bytes))[..16] : chosen.Source;
            if (!chosen.Document.IsValid)
            {
                throw new CliException(ExitCodes.Invalid, "invalid_map", $"{source}: the map is invalid, so whom it takes is unknown", chosen.ValidateCommand);
            }

            var map = chosen.Document.Result.Map!;
            (string, long)? key = null;
            if (map.Groups is not null)
            {
                var keyName = parse.GetValue(keyParameter)
                    ?? throw CliException.Usage("the map has groups: give --key-parameter (the function's KEY_PARAMETER) so each row carries its marker");
                var stored = await new MapParameter(session.Ssm(region), keyName).GetAsync(ct).ConfigureAwait(false);
                key = (stored.Document, stored.Version);
            }

            var pollSeconds = parse.GetValue(poll);
            var settings = new SweepSettings(
                oldId, newId, map, source, Path.GetFullPath(parse.GetRequiredValue(output)), role, isDryRun, parse.GetValue(resume), key,
                parse.GetValue(rate),
                ImportFileLimits.Cognito with { MaxUsersPerFile = parse.GetValue(maxUsers), MaxBytesPerFile = parse.GetValue(maxBytes) },
                pollSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : context.Tuning.ImportPollInterval);
            var bar = new ProgressBar(context.Error, context.ErrorIsTerminal && !context.IsCi && !parse.GetValue(json) && !parse.GetValue(noProgress));
            var runner = new SweepRunner(context, session, settings, bar);
            SweepState state;
            try
            {
                state = await runner.RunAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                bar.Clear();
            }

            SweepReport.WriteFile(state, settings, runner.ThrottledRetries);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Out, w => SweepReport.Write(w, state, settings, runner.ThrottledRetries));
            }
            else
            {
                SweepReport.WriteText(context.Out, state, settings, runner.ThrottledRetries);
            }

            return SweepReport.ExitCode(state);
        }, ct));
        return command;
    }
}
