using System.Security.Cryptography;
using AttrMapper.Cli.Aws;
using AttrMapper.Cli.Commands;
using AttrMapper.Cli.Progress;
using AttrMapper.Cognito;
using AttrMapper.Groups;
using AttrMapper.Logging;
using AttrMapper.Migration;

namespace AttrMapper.Cli.Sweep;

/// <summary>
/// The cutover sweep (DESIGN.md §10): lists both pools, decides each old user with the function's forgot-password decision
/// and map, writes the import files, and runs one import job at a time, recording every step in <see cref="SweepState"/>.
/// </summary>
/// <remarks>
/// Resume: first every job this run created (or may have created) is driven to its end (a job whose creation was not
/// recorded is found by its deterministic name). Then, when files without a job remain, or the listing never finished, or a
/// job had to be given up before it started, both pools are listed again and new files are written: everyone imported
/// by a finished job, and everyone who signed in meanwhile, is now in the new pool and so not taken again.
/// </remarks>
internal sealed class SweepRunner(CliContext context, AwsSession session, SweepSettings settings, ProgressBar bar)
{
    private readonly RateLimiter _listLimiter = new(settings.ListUsersPerSecond, context.Time);
    private readonly RateLimiter _groupLimiter = new(context.Tuning.GroupReadsPerSecond, context.Time);
    private UserImport? _import;

    public int ThrottledRetries { get; private set; }

    public async Task<SweepState> RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(settings.Out);
        var state = LoadOrCreateState();
        _import = session.Import(settings.NewPool);
        var header = await CallAsync("new pool", () => _import.CsvHeaderAsync(ct)).ConfigureAwait(false);
        if (!header.Contains(ImportCsvFormat.UsernameColumn, StringComparer.Ordinal))
        {
            throw new CliException(ExitCodes.Aws, "aws", $"new pool {settings.NewPool}: GetCSVHeader has no {ImportCsvFormat.UsernameColumn} column");
        }

        var newPool = await MapCommands.DescribeAsync(session, settings.NewPool, "new pool", ct).ConfigureAwait(false);
        var oldPool = await MapCommands.DescribeAsync(session, settings.OldPool, "old pool", ct).ConfigureAwait(false);
        var markers = Markers(header, newPool);

        if (!settings.DryRun)
        {
            foreach (var file in state.Files.Where(f => f.Step is not (SweepSteps.Written or SweepSteps.Finished or SweepSteps.Abandoned or SweepSteps.Replaced)).ToList())
            {
                await DriveAsync(state, file, ct).ConfigureAwait(false);
            }
        }

        if (!state.Listed || state.Files.Any(f => f.Step is SweepSteps.Written or SweepSteps.Abandoned || EndedUnsucceeded(f)))
        {
            await ListAsync(state, header, newPool, oldPool, markers, ct).ConfigureAwait(false);
        }

        if (!settings.DryRun)
        {
            foreach (var file in state.Files.Where(f => f.Step == SweepSteps.Written).ToList())
            {
                await DriveAsync(state, file, ct).ConfigureAwait(false);
            }
        }

        return state;
    }

    private SweepState LoadOrCreateState()
    {
        var existing = SweepState.Load(settings.Out);
        if (existing is not null && (settings.DryRun || !settings.Resume))
        {
            throw CliException.Usage($"{settings.Out} holds a sweep already ({SweepState.FileName}, run {existing.RunId})",
                settings.DryRun ? "give a dry run its own --out directory" : "continue it with --resume, or give a new sweep its own --out directory");
        }

        if (existing is not null)
        {
            if (existing.OldPool != settings.OldPool || existing.NewPool != settings.NewPool)
            {
                throw CliException.Usage($"{settings.Out} holds a sweep from {existing.OldPool} to {existing.NewPool}, not this one");
            }

            if (existing.Map != settings.MapSource)
            {
                throw CliException.Usage($"{settings.Out} was swept with the map {existing.Map}; this run has {settings.MapSource}",
                    "resume with the same map, or start a new sweep in another --out directory once the running jobs have ended");
            }

            return existing;
        }

        return new SweepState
        {
            RunId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
            OldPool = settings.OldPool,
            NewPool = settings.NewPool,
            Map = settings.MapSource,
        };
    }

    private ImportMarkers? Markers(IReadOnlyList<string> header, UserPoolDescription newPool)
    {
        if (settings.Map.Groups is not { } groups)
        {
            return null;
        }

        if (!header.Contains(groups.Marker, StringComparer.Ordinal))
        {
            throw CliException.Usage($"the map carries groups in {groups.Marker}, but the new pool {settings.NewPool} has no such attribute (GetCSVHeader)",
                "add the custom attribute to the new pool (the Terraform module does), or drop groups from the map");
        }

        var (value, version) = settings.Key ?? throw CliException.Usage("the map has groups: give --key-parameter (the function's KEY_PARAMETER) so each row carries its marker");
        return ImportMarkers.Create(value, version, settings.NewPool, newPool.UsernameAttributes ?? [])
            ?? throw CliException.Usage("the key parameter's value is not a key (base64 of 32 to 1024 random bytes)");
    }

    private async Task ListAsync(
        SweepState state, IReadOnlyList<string> header, UserPoolDescription newPool, UserPoolDescription oldPool, ImportMarkers? markers, CancellationToken ct)
    {
        // Files never given a job are written again from this listing; their users are decided again.
        foreach (var stale in state.Files.Where(f => f.Step == SweepSteps.Written).ToList())
        {
            File.Delete(Path.Combine(settings.Out, stale.Name));
            state.Files.Remove(stale);
        }

        // A job given up before it started, or one that ended Failed or Stopped: whoever it did not import is listed again
        // (whoever it did import is in the new pool now, so not taken twice).
        foreach (var given in state.Files.Where(f => f.Step == SweepSteps.Abandoned || EndedUnsucceeded(f)))
        {
            given.Step = SweepSteps.Replaced;
        }

        if (state.Files.Count == 0)
        {
            // A fresh sweep: import files left from an earlier dry run in --out belong to no job; they would only mislead.
            foreach (var leftover in Directory.EnumerateFiles(settings.Out, "users-*.csv"))
            {
                File.Delete(leftover);
            }
        }

        state.Listed = false;
        state.Listings++;
        Save(state);

        var index = new NewPoolIndex(newPool.UsernameAttributes);
        ThrottledRetries += await new PoolPager(session.Admin(settings.NewPool), "new pool", _listLimiter, context.Tuning).ForEachPageAsync(users =>
        {
            index.Add(users);
            bar.Draw($"new pool {settings.NewPool}", index.Users, newPool.EstimatedNumberOfUsers);
        }, ct).ConfigureAwait(false);

        var first = state.Files.Count == 0 ? 1 : state.Files.Max(f => f.Index) + 1;
        var oldClient = settings.Map.Groups is null ? null : session.Pool(settings.OldPool);
        long oldUsers = 0;
        using var notTaken = new NotTakenLog(settings.Out);
        using var writer = new ImportFileWriter(settings.Out, ImportCsvFormat.HeaderLine(header), settings.Limits, first);
        ThrottledRetries += await new PoolPager(session.Admin(settings.OldPool), "old pool", _listLimiter, context.Tuning).ForEachPageAsync(async users =>
        {
            foreach (var user in users)
            {
                oldUsers++;
                var (line, reason) = await DecideAsync(user, header, index, markers, oldClient, ct).ConfigureAwait(false);
                if (line is not null)
                {
                    writer.Add(line);
                }
                else
                {
                    notTaken.Add(reason!, user.Username);
                }
            }

            bar.Draw($"old pool {settings.OldPool}", oldUsers, oldPool.EstimatedNumberOfUsers);
        }, ct).ConfigureAwait(false);

        var files = writer.Complete();
        var i = first;
        foreach (var file in files)
        {
            file.Index = i;
            file.JobName = SweepState.JobName(state.RunId, i);
            i++;
            state.Files.Add(file);
        }

        state.OldUsers = oldUsers;
        state.NewUsers = index.Users;
        state.NotTaken = notTaken.Counts;
        state.Listed = true;
        Save(state);
        Checkpoint("listed", 0);
    }

    /// <summary>The user's import line, or why there is none. The decision is the function's forgot-password one.</summary>
    private async Task<(string? Line, string? Reason)> DecideAsync(
        OldUser user, IReadOnlyList<string> header, NewPoolIndex index, ImportMarkers? markers, OldPoolClient? oldClient, CancellationToken ct)
    {
        var outcome = MigrationDecision.ForgotPassword(user, settings.Map);
        var attributes = outcome.Answer?.UserAttributes;
        if (index.Contains(user, attributes))
        {
            return (null, NotTakenLog.InNewPool);
        }

        if (outcome.Kind != OutcomeKind.Migrated || attributes is null)
        {
            return (null, outcome.Reason);
        }

        if (markers is not null && settings.Map.Groups is { } groups)
        {
            var oldGroups = await ReadGroupsAsync(oldClient!, user.Username, ct).ConfigureAwait(false);
            if (await markers.MarkerAsync(user.Username, attributes, groups, oldGroups, ct).ConfigureAwait(false) is { } marker)
            {
                attributes = new Dictionary<string, string>(attributes, StringComparer.Ordinal) { [groups.Marker] = marker };
            }
        }

        var (line, _) = ImportCsvFormat.Line(header, user.Username, attributes);
        if (line is null)
        {
            return (null, NotTakenLog.NoImportColumn);
        }

        return line.Length > settings.Limits.MaxCharactersPerRow ? (null, NotTakenLog.RowTooLong) : (line, null);
    }

    /// <summary>The old user's groups, every page; null (a lookup marker, as the function writes) past what a marker holds.</summary>
    private async Task<IReadOnlyList<string>?> ReadGroupsAsync(OldPoolClient oldClient, string username, CancellationToken ct)
    {
        var (groups, complete) = await OldGroups.ReadAsync(
            next => WithBackoffAsync(() => oldClient.AdminListGroupsForUserAsync(username, next, ct), _groupLimiter, "old pool", ct)).ConfigureAwait(false);
        return complete ? groups : null;
    }

    /// <summary>Brings one file's job as far as it goes: created, uploaded, started, followed to its end.</summary>
    private async Task DriveAsync(SweepState state, SweepFile file, CancellationToken ct)
    {
        var import = _import!;
        var jobName = file.JobName ??= SweepState.JobName(state.RunId, file.Index);
        while (true)
        {
            switch (file.Step)
            {
                case SweepSteps.Written:
                {
                    Verify(file);
                    file.Step = SweepSteps.Creating;
                    Save(state);
                    var job = await CallAsync("new pool", () => import.CreateAsync(jobName, settings.LogsRoleArn!, ct)).ConfigureAwait(false);
                    Checkpoint("created-unrecorded", file.Index);
                    Record(file, job, SweepSteps.Created);
                    Save(state);
                    Checkpoint("created", file.Index);
                    break;
                }

                case SweepSteps.Creating:
                {
                    // The create may or may not have reached Cognito: its name says.
                    var job = await CallAsync("new pool", () => import.FindAsync(jobName, ct)).ConfigureAwait(false);
                    if (job is null)
                    {
                        // Never created: the file goes back with the unimported ones and is written again from a fresh listing.
                        file.Step = SweepSteps.Written;
                        Save(state);
                        return;
                    }

                    Record(file, job, SweepSteps.Created);
                    Save(state);
                    break;
                }

                case SweepSteps.Created:
                {
                    var job = await CallAsync("new pool", () => import.DescribeAsync(file.JobId!, ct)).ConfigureAwait(false);
                    if (job.Status != "Created")
                    {
                        Record(file, job, job.Status == "Expired" ? SweepSteps.Abandoned : SweepSteps.Started);
                        Save(state);
                        break;
                    }

                    Verify(file);
                    var taken = await CallAsync("upload", () => import.UploadAsync(job, Path.Combine(settings.Out, file.Name), ct)).ConfigureAwait(false);
                    file.Step = taken ? SweepSteps.Uploaded : SweepSteps.Abandoned;
                    Save(state);
                    Checkpoint("uploaded", file.Index);
                    break;
                }

                case SweepSteps.Uploaded:
                {
                    file.Step = SweepSteps.Starting;
                    Save(state);
                    var job = await StartAsync(import, file, ct).ConfigureAwait(false);
                    Checkpoint("started-unrecorded", file.Index);
                    Record(file, job, job.Status == "Expired" ? SweepSteps.Abandoned : SweepSteps.Started);
                    Save(state);
                    Checkpoint("started", file.Index);
                    break;
                }

                case SweepSteps.Starting:
                {
                    // The start may or may not have reached Cognito: the job's status says.
                    var job = await CallAsync("new pool", () => import.DescribeAsync(file.JobId!, ct)).ConfigureAwait(false);
                    Record(file, job, job.Status switch
                    {
                        "Created" => SweepSteps.Uploaded,
                        "Expired" => SweepSteps.Abandoned,
                        _ => SweepSteps.Started,
                    });
                    Save(state);
                    break;
                }

                case SweepSteps.Started:
                {
                    var job = await CallAsync("new pool", () => import.DescribeAsync(file.JobId!, ct)).ConfigureAwait(false);
                    Record(file, job, job.IsFinal ? SweepSteps.Finished : SweepSteps.Started);
                    Save(state);
                    bar.Draw($"import {file.Name} {job.Status}", job.Imported + job.Skipped + job.Failed, file.Users);
                    if (!job.IsFinal)
                    {
                        Checkpoint("following", file.Index);
                        await Task.Delay(settings.PollInterval, context.Time, ct).ConfigureAwait(false);
                    }

                    break;
                }

                default:
                    // Finished, abandoned or replaced: nothing more to do.
                    return;
            }
        }
    }

    /// <summary>Starts the job; while another import runs in the account (one at a time), waits for it and tries again.</summary>
    private async Task<ImportJob> StartAsync(UserImport import, SweepFile file, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return await import.StartAsync(file.JobId!, ct).ConfigureAwait(false);
            }
            catch (CognitoException e) when (e.Code == "PreconditionNotMetException")
            {
                var job = await CallAsync("new pool", () => import.DescribeAsync(file.JobId!, ct)).ConfigureAwait(false);
                if (job.Status != "Created")
                {
                    return job;
                }

                await context.Error.WriteLineAsync($"attrmapper: another user import job is running in this account; waiting to start {file.JobName}").ConfigureAwait(false);
                await Task.Delay(settings.PollInterval, context.Time, ct).ConfigureAwait(false);
            }
            catch (CognitoException e)
            {
                throw AwsFailures.FromCognito(e, $"new pool {settings.NewPool}");
            }
        }
    }

    private bool EndedUnsucceeded(SweepFile file) =>
        !settings.DryRun && file.Step == SweepSteps.Finished && file.Status is not "Succeeded";

    private static void Record(SweepFile file, ImportJob job, string step)
    {
        file.JobId = job.JobId;
        file.Status = job.Status;
        file.Imported = job.Imported;
        file.Skipped = job.Skipped;
        file.Failed = job.Failed;
        file.Step = step;
    }

    /// <summary>The file on disk is the one recorded: an edited file is never uploaded.</summary>
    private void Verify(SweepFile file)
    {
        var path = Path.Combine(settings.Out, file.Name);
        string hash;
        try
        {
            using var stream = File.OpenRead(path);
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (IOException)
        {
            throw new CliException(ExitCodes.Usage, "file", $"{path} is missing: the sweep cannot upload it", "restore it from the sweep's --out directory");
        }

        if (hash != file.Sha256)
        {
            throw new CliException(ExitCodes.Usage, "file", $"{path} has changed since the sweep wrote it (SHA-256 differs); it is not uploaded",
                "restore the file, or start a new sweep in another --out directory");
        }
    }

    private void Save(SweepState state)
    {
        if (!settings.DryRun)
        {
            state.Save(settings.Out);
        }
    }

    private void Checkpoint(string step, int index) => context.Tuning.SweepCheckpoint?.Invoke(step, index);

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (CognitoException e)
        {
            throw AwsFailures.FromCognito(e, what == "new pool" ? $"new pool {settings.NewPool}" : what);
        }
    }

    private async Task<T> WithBackoffAsync<T>(Func<Task<T>> call, RateLimiter limiter, string role, CancellationToken ct)
    {
        try
        {
            return await ThrottleRetry.RunAsync(async () =>
            {
                await limiter.WaitAsync(ct).ConfigureAwait(false);
                return await call().ConfigureAwait(false);
            }, limiter, context.Tuning, () => ThrottledRetries++, ct).ConfigureAwait(false);
        }
        catch (CognitoException e)
        {
            throw AwsFailures.FromCognito(e, $"{role} {settings.OldPool}");
        }
    }
}
