using System.Text;
using System.Text.Json;
using AttrMapper.Cli.Output;

namespace AttrMapper.Cli.Sweep;

/// <summary>What a sweep did, as one JSON document (stdout with --json, and <see cref="FileName"/> in --out) or as text.</summary>
internal static class SweepReport
{
    public const string FileName = "report.json";

    /// <summary>
    /// 1 when users this sweep took were not all imported: a job failed rows or ended other than Succeeded (Failed, Stopped),
    /// or had to be given up before it started; else 0. Users not taken, and users the import skipped because they exist
    /// already, are reported but are no error.
    /// </summary>
    public static int ExitCode(SweepState state) =>
        state.Files.Any(f => f.Step == SweepSteps.Abandoned || (f.Step == SweepSteps.Finished && (f.Status != "Succeeded" || f.Failed > 0)))
            ? ExitCodes.Invalid
            : ExitCodes.Ok;

    public static void Write(Utf8JsonWriter w, SweepState state, SweepSettings settings, int throttled)
    {
        var files = Current(state);
        w.WriteNumber("exitCode", ExitCode(state));
        w.WriteString("oldPool", state.OldPool);
        w.WriteString("newPool", state.NewPool);
        w.WriteString("map", state.Map);
        w.WriteString("runId", state.RunId);
        w.WriteBoolean("dryRun", settings.DryRun);
        w.WriteString("out", settings.Out);
        w.WriteNumber("oldUsers", state.OldUsers);
        w.WriteNumber("newUsers", state.NewUsers);
        w.WriteNumber("taken", files.Sum(f => (long)f.Users));
        w.WriteNumber("notTaken", state.NotTaken.Values.Sum());
        w.WriteStartObject("notTakenByReason");
        foreach (var (reason, count) in state.NotTaken.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(reason, count);
        }

        w.WriteEndObject();
        w.WriteString("notTakenFile", Path.Combine(settings.Out, NotTakenLog.FileName));
        w.WriteNumber("imported", state.Files.Sum(f => f.Imported));
        w.WriteNumber("skipped", state.Files.Sum(f => f.Skipped));
        w.WriteNumber("failed", state.Files.Sum(f => f.Failed));
        w.WriteNumber("listings", state.Listings);
        w.WriteNumber("throttledRetries", throttled);
        w.WriteStartArray("files");
        foreach (var f in state.Files)
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteNumber("users", f.Users);
            w.WriteNumber("bytes", f.Bytes);
            w.WriteString("sha256", f.Sha256);
            w.WriteString("step", f.Step);
            w.WriteString("jobName", f.JobName);
            w.WriteStringOrNull("jobId", f.JobId);
            w.WriteStringOrNull("status", f.Status);
            w.WriteNumber("imported", f.Imported);
            w.WriteNumber("skipped", f.Skipped);
            w.WriteNumber("failed", f.Failed);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void WriteFile(SweepState state, SweepSettings settings, int throttled)
    {
        using var output = new StreamWriter(Path.Combine(settings.Out, FileName), append: false, new UTF8Encoding(false));
        JsonOutput.Write(output, w => Write(w, state, settings, throttled));
    }

    public static void WriteText(TextWriter o, SweepState state, SweepSettings settings, int throttled)
    {
        var files = Current(state);
        o.WriteLine($"sweep {state.OldPool} -> {state.NewPool} (run {state.RunId}, map {state.Map})");
        o.WriteLine($"old pool: {state.OldUsers} users; new pool: {state.NewUsers} users before the import");
        var reasons = string.Join(", ", state.NotTaken.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}"));
        o.WriteLine($"taken: {files.Sum(f => (long)f.Users)} users in {files.Count} file(s); not taken: {state.NotTaken.Values.Sum()}"
            + (reasons.Length > 0 ? $" ({reasons}), listed in {Path.Combine(settings.Out, NotTakenLog.FileName)}" : string.Empty));
        foreach (var f in state.Files)
        {
            o.WriteLine(f switch
            {
                { JobId: null } => $"  {f.Name}: {f.Users} users, {f.Step}",
                { Step: SweepSteps.Abandoned } => $"  {f.Name}: {f.Users} users, job {f.JobId} abandoned before it started (upload refused or job expired); --resume lists these users again",
                { Step: SweepSteps.Replaced } => $"  {f.Name}: {f.Users} users, job {f.JobId} {f.Status}: imported {f.Imported}; the others were listed again into later files",
                { Step: SweepSteps.Finished, Status: not "Succeeded" } =>
                    $"  {f.Name}: {f.Users} users, job {f.JobId} {f.Status}: imported {f.Imported}, skipped {f.Skipped}, failed {f.Failed};"
                    + $" why: CompletionMessage of `aws cognito-idp describe-user-import-job --user-pool-id {state.NewPool} --job-id {f.JobId}`; --resume lists the others again",
                _ => $"  {f.Name}: {f.Users} users, job {f.JobId} {f.Status}: imported {f.Imported}, skipped {f.Skipped}, failed {f.Failed}",
            });
        }

        if (settings.DryRun)
        {
            o.WriteLine($"dry run: nothing was sent to Cognito; the files are in {settings.Out}");
        }
        else
        {
            o.WriteLine($"imported {state.Files.Sum(f => f.Imported)}, skipped {state.Files.Sum(f => f.Skipped)} (already in the new pool), failed {state.Files.Sum(f => f.Failed)}"
                + (state.Files.Any(f => f.Failed > 0) ? " (the reason for each failed row is in the job's CloudWatch log)" : string.Empty));
        }

        if (throttled > 0)
        {
            o.WriteLine($"note: Cognito throttled {throttled} call(s); retried after a backoff");
        }
    }

    // Files whose users are still this sweep's to import (not given up and listed again).
    private static List<SweepFile> Current(SweepState state) =>
        [.. state.Files.Where(f => f.Step is not (SweepSteps.Abandoned or SweepSteps.Replaced))];
}
