using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AttrMapper.Demo.Stack;

namespace AttrMapper.Demo.Walkthrough;

/// <summary>
/// The demo's last step, the cutover (DESIGN.md §10): `attrmapper sweep` through the operator's published CLI brings every old
/// user who never signed in across through Cognito's CSV import (a dry run first), the table shows who came across and who did not
/// and why, a swept user's password sign-in is refused without migrating them again, and a swept user resets their password on
/// the new pool and signs in. Any of that going wrong fails the demo (exit 1).
/// </summary>
public sealed class CutoverStep(DemoSettings settings, TextWriter output)
{
    /// <summary>What `terraform output import_logs_role_arn` gives with create_import_logs_role = true (an ARN; nothing here checks it).</summary>
    public const string LogsRoleArn = "arn:aws:iam::111122223333:role/attrmapper-import-logs";

    /// <summary>Swept, then tries their old password before any reset.</summary>
    private static DemoUser SignsInBeforeReset => DemoUsers.FirstWave[3];

    /// <summary>Swept, then resets their password and signs in.</summary>
    private static DemoUser ResetsPassword => DemoUsers.NeverSignIn[0];

    /// <summary>Never signed in, and has no verified email or phone: the import cannot take them (nobody could receive a reset code).</summary>
    private static DemoUser Unverified => DemoUsers.NeverSignIn[1];

    /// <summary>Disabled in the old pool: not taken.</summary>
    private static DemoUser Disabled => DemoUsers.FirstWave[2];

    public async Task RunAsync(LocalMigrationStack stack, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var endpoint = stack.CognitoApi.Endpoint;
        var environment = new Dictionary<string, string>(stack.FunctionEnvironment.Where(e => e.Key.StartsWith("AWS_", StringComparison.Ordinal)), StringComparer.Ordinal)
        {
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = endpoint.ToString(),
        };
        var cli = new OperatorCli(settings.CliPath, settings.RepositoryRoot, environment);
        var work = Directory.CreateTempSubdirectory("attrmapper-demo-sweep-");
        try
        {
            await SweepAsync(stack, cli, work.FullName, ct).ConfigureAwait(false);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string[] SweepArguments(LocalMigrationStack stack, string outDirectory) =>
    [
        "sweep", "--old-pool", LocalMigrationStack.OldUserPoolId, "--new-pool", LocalMigrationStack.NewUserPoolId,
        "--parameter", stack.Options.MapParameterName, "--key-parameter", stack.Options.KeyParameterName, "--out", outDirectory,
    ];

    private static Dictionary<string, string> NotTaken(string outDirectory)
    {
        // not-taken.csv: reason,username (usernames only, never an attribute).
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(outDirectory, "not-taken.csv")).Skip(1).Where(l => l.Length > 0))
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            reasons[line[(comma + 1)..]] = line[..comma];
        }

        return reasons;
    }

    private static string NewPassword() => "Reset-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + "-pw!";

    private static string Describe(NewPoolUser? user) => user is null ? "(no user)" : user.Status;

    private void Step(string number, string text)
    {
        output.WriteLine();
        output.WriteLine($"{number}. {text}");
    }

    private void Shown(IReadOnlyList<string> arguments, CliRun run, IReadOnlyList<string> hidden)
    {
        output.WriteLine($"  $ attrmapper {string.Join(' ', arguments.Select(a => hidden.Contains(a) ? "$OUT" : a))}");
        foreach (var line in run.Output.TrimEnd().Split('\n'))
        {
            output.WriteLine($"    {hidden.Aggregate(line, (l, h) => l.Replace(h, "$OUT", StringComparison.Ordinal))}");
        }
    }

    private async Task SweepAsync(LocalMigrationStack stack, OperatorCli cli, string work, CancellationToken ct)
    {
        Step("8", "The cutover: the users who never signed in are still only in the old pool. `attrmapper sweep` brings them across "
            + "through Cognito's own CSV user import, deciding each with the function's own code and the stored map");
        var before = await stack.NewPoolUsernamesAsync(ct).ConfigureAwait(false);
        output.WriteLine($"  the new pool holds {before.Count} user(s) now: {string.Join(", ", before)}");

        var dryOut = Path.Combine(work, "dry-run");
        string[] dry = [.. SweepArguments(stack, dryOut), "--dry-run"];
        var dryRun = await cli.RunAsync(dry, ct).ConfigureAwait(false);
        Shown(dry, dryRun, [dryOut]);
        if (dryRun.ExitCode != 0)
        {
            throw new InvalidOperationException($"attrmapper sweep --dry-run failed (exit {dryRun.ExitCode}): {dryRun.Error.Trim()}");
        }

        var afterDryRun = await stack.NewPoolUsernamesAsync(ct).ConfigureAwait(false);
        if (!afterDryRun.SequenceEqual(before) || stack.NewPoolImport.Imported != 0)
        {
            throw new InvalidOperationException("attrmapper sweep --dry-run changed the new pool");
        }

        output.WriteLine("  the dry run wrote the import file and the report and changed nothing: the new pool still holds the same users");

        var realOut = Path.Combine(work, "sweep");
        string[] real = [.. SweepArguments(stack, realOut), "--logs-role-arn", LogsRoleArn];
        var invocations = stack.Function.InvocationCount;
        var sweep = await cli.RunAsync(real, ct).ConfigureAwait(false);
        Shown(real, sweep, [realOut]);
        if (sweep.ExitCode != 0)
        {
            throw new InvalidOperationException($"attrmapper sweep failed (exit {sweep.ExitCode}): {sweep.Error.Trim()}");
        }

        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(realOut, "report.json"), ct).ConfigureAwait(false))!;
        var notTaken = NotTaken(realOut);
        await ShowWhoCameAcrossAsync(stack, before, notTaken, report, ct).ConfigureAwait(false);
        if (stack.Function.InvocationCount != invocations)
        {
            throw new InvalidOperationException("the sweep invoked the function: an import must not go through the migration trigger");
        }

        await SignInBeforeResetAsync(stack, ct).ConfigureAwait(false);
        await ResetAndSignInAsync(stack, ct).ConfigureAwait(false);
    }

    private async Task ShowWhoCameAcrossAsync(LocalMigrationStack stack, IReadOnlyList<string> before, Dictionary<string, string> notTaken, JsonNode report, CancellationToken ct)
    {
        var table = new TextTable("user", "story", "before the sweep", "the sweep", "the new pool now holds (AdminGetUser)");
        var problems = new List<string>();
        foreach (var user in DemoUsers.All)
        {
            var now = await stack.GetNewPoolUserAsync(user.Username, ct).ConfigureAwait(false);
            var wasThere = before.Contains(user.Username, StringComparer.Ordinal);
            string verdict;
            if (notTaken.TryGetValue(user.Username, out var reason))
            {
                verdict = $"not taken: {reason}";
                if (!wasThere && now is not null)
                {
                    problems.Add($"{user.Username} was not taken ({reason}) but is in the new pool");
                }
            }
            else
            {
                verdict = now?.Status == "RESET_REQUIRED" ? "imported" : "taken, not imported";
                if (now?.Status != "RESET_REQUIRED")
                {
                    problems.Add($"{user.Username} was taken but the new pool holds {Describe(now)}");
                }
            }

            table.Add(user.Username, user.Story, wasThere ? "in the new pool" : "old pool only", verdict,
                now is null ? "(no user)" : $"{now.Status}" + (wasThere ? string.Empty : "\n" + string.Join('\n', now.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} = {a.Value}"))));
        }

        table.WriteTo(output);
        output.WriteLine($"  report.json: imported {report["imported"]}, skipped {report["skipped"]}, failed {report["failed"]}, not taken {report["notTaken"]} "
            + $"({string.Join(", ", (report["notTakenByReason"] as JsonObject ?? []).Select(r => $"{r.Key} {r.Value}"))}); not-taken.csv lists each by username");
        output.WriteLine("  Imported users are RESET_REQUIRED: Cognito's import carries no password, so their first sign-in is a password reset.");

        // The story the table tells, checked: who must have come across, and who must not have.
        foreach (var expected in new[] { SignsInBeforeReset, ResetsPassword })
        {
            if (notTaken.ContainsKey(expected.Username))
            {
                problems.Add($"{expected.Username} should have been swept");
            }
        }

        foreach (var (user, why) in new[] { (Unverified, "no verified email"), (Disabled, "disabled") })
        {
            if (!notTaken.ContainsKey(user.Username) || before.Contains(user.Username, StringComparer.Ordinal))
            {
                problems.Add($"{user.Username} ({why}) should be listed as not taken, and not be in the new pool");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("the cutover did not come out as it should: " + string.Join("; ", problems));
        }
    }

    private async Task SignInBeforeResetAsync(LocalMigrationStack stack, CancellationToken ct)
    {
        var user = SignsInBeforeReset;
        Step("9", $"{user.Username} was swept and signs in with the old password before any reset: the new pool has {user.Username} now "
            + "(RESET_REQUIRED), so the function is not called and nothing migrates again");
        var before = stack.Function.InvocationCount;
        var signIn = await stack.SignInAsync(user.Username, user.Password, ct).ConfigureAwait(false);
        var now = await stack.GetNewPoolUserAsync(user.Username, ct).ConfigureAwait(false);
        output.WriteLine($"  sign-in: {signIn}; function invocations before {before}, after {stack.Function.InvocationCount}; the new pool holds {Describe(now)}");
        if (signIn.ErrorType != "PasswordResetRequiredException" || stack.Function.InvocationCount != before || now?.Status != "RESET_REQUIRED")
        {
            throw new InvalidOperationException($"a swept user's password sign-in before the reset must answer PasswordResetRequiredException without calling the function (got: {signIn}, {Describe(now)})");
        }
    }

    private async Task ResetAndSignInAsync(LocalMigrationStack stack, CancellationToken ct)
    {
        var user = ResetsPassword;
        Step("10", $"{user.Username}, who never signed in before the cutover, resets the password on the NEW pool (ForgotPassword, the code "
            + "from the e-mail, ConfirmForgotPassword with a new password; neither is printed), then signs in");
        var table = new TextTable("user", "forgot password", "sign-in with the new password", "the function", "the new pool now holds (AdminGetUser)");
        var before = stack.Function.InvocationCount;
        var oldPoolCalls = stack.OldPoolApi.Operations.Count;
        var password = NewPassword();
        var failed = await stack.ResetPasswordAsync(user.Username, password, ct).ConfigureAwait(false);
        var signIn = failed is null ? await stack.SignInAsync(user.Username, password, ct).ConfigureAwait(false) : null;
        var now = await stack.GetNewPoolUserAsync(user.Username, ct).ConfigureAwait(false);
        // With the group triggers attached, the reset and the sign-in call the function (post confirmation, post
        // authentication, pre token generation: no marker, no upstream call); the migration trigger must not be among them.
        var lines = await FunctionLog.SinceAsync(stack, before, ct).ConfigureAwait(false);
        var migrations = lines.Count(l => l.Line?["triggerSource"]?.ToString().StartsWith("UserMigration_", StringComparison.Ordinal) != false);
        table.Add(user.Username, failed ?? "code received, password set", signIn?.ToString() ?? "(not tried)",
            lines.Count == 0 ? "not called" : string.Join('\n', lines.Select(l => FunctionLog.Describe(l.Line))),
            now is null ? "(no user)" : $"{now.Status}\n" + string.Join('\n', now.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} = {a.Value}")));
        table.WriteTo(output);
        if (failed is not null || signIn?.SignedIn != true || now?.Status != "CONFIRMED")
        {
            throw new InvalidOperationException($"the swept user {user.Username} could not sign in after a password reset ({failed ?? signIn?.ToString()}, {Describe(now)})");
        }

        if (migrations != 0)
        {
            throw new InvalidOperationException($"the swept user's reset and sign-in reached the migration trigger {migrations} time(s)");
        }

        var asked = stack.OldPoolApi.Operations.Count - oldPoolCalls;
        if (asked != 0)
        {
            throw new InvalidOperationException($"the swept user's reset and sign-in called the old pool {asked} time(s)");
        }

        output.WriteLine($"  {user.Username} is a CONFIRMED user of the new pool with the mapped attributes; the migration trigger was not called and the old pool was not asked (0 calls).");
    }
}
