using System.Text.Json.Nodes;
using AttrMapper.Demo.Stack;

namespace AttrMapper.Demo.Walkthrough;

/// <summary>
/// The story `make demo` tells: seed the old pool, let each user sign in to the new pool, show what the new pool now holds, then
/// edit the map in Parameter Store and show the next migration uses it, with no redeploy; then a user's groups move with
/// her first sign-in and a forged marker gains nothing (<see cref="GroupsStep"/>); then the cutover (<see cref="CutoverStep"/>).
/// </summary>
public sealed class DemoWalkthrough(DemoSettings settings, TextWriter output)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var map = await File.ReadAllTextAsync(settings.MapPath, ct).ConfigureAwait(false);
        output.WriteLine("AttrMapper demo: the whole migration on this machine, nothing leaves 127.0.0.1");
        output.WriteLine();
        output.WriteLine("Starting the local stack (two cognito-local pools, Parameter Store, the Lambda host with the real bootstrap)...");
        await using var stack = await LocalMigrationStack.StartAsync(new MigrationStackOptions
        {
            RepositoryRoot = settings.RepositoryRoot,
            BootstrapPath = settings.BootstrapPath,
            InitialMap = map,
            MapCacheTtlSeconds = settings.MapCacheTtlSeconds,
            GroupTriggers = true,
        }, ct).ConfigureAwait(false);
        DescribeStack(stack);

        await SeedOldPoolAsync(stack, ct).ConfigureAwait(false);

        Step("2", "Each user signs in to the NEW pool (InitiateAuth, USER_PASSWORD_AUTH); the new pool calls the function");
        var table = NewPoolTable();
        foreach (var user in DemoUsers.FirstWave)
        {
            await SignInAndRecordAsync(stack, user, user.Story, table, ct).ConfigureAwait(false);
        }

        table.WriteTo(output);
        output.WriteLine("  custom:internal_flag is not carried over (the map is an allow-list); custom:plan is copied where the old user has one");
        output.WriteLine("  (alice keeps pro) and defaulted to free where not. sub is the NEW pool's own; the old one is kept as custom:legacy_sub.");

        Step("3", "alice signs in again: the new pool has her now, so the migration trigger is not called");
        var before = FunctionLog.MigrationInvocations(stack);
        var invocations = stack.Function.InvocationCount;
        var again = await stack.SignInAsync("alice", DemoUsers.FirstWave[0].Password, ct).ConfigureAwait(false);
        var groupTriggers = await FunctionLog.SinceAsync(stack, invocations, ct).ConfigureAwait(false);
        output.WriteLine($"  sign-in: {again}; migration trigger invocations before {before}, after {FunctionLog.MigrationInvocations(stack)}");
        output.WriteLine($"  the group triggers answered, with no marker to act on: {string.Join("; ", groupTriggers.Select(l => FunctionLog.Describe(l.Line)))}");

        var cli = new OperatorCli(settings.CliPath, settings.RepositoryRoot, CliEnvironment(stack));
        var edited = Path.GetRelativePath(settings.RepositoryRoot, settings.EditedMapPath);
        Step("4", $"Edit the map with the operator's tool: {edited} renames custom:tenant -> custom:org (was custom:tenant_id) "
            + "and reads the attributes from the sign-in's own ID token (attributeSource IdToken: one old-pool call instead of two)");
        await ShowAsync(cli, ["map", "diff", edited, "--parameter", stack.Options.MapParameterName], ct).ConfigureAwait(false);
        var version = await PushMapEditAsync(stack, cli, ct).ConfigureAwait(false);
        output.WriteLine($"  {stack.Options.MapParameterName} is now version {version}; the function was not redeployed or restarted");

        Step("5", "Before erin signs in, preview what the stored map will do with erin (one AdminGetUser; no password, no writes)");
        await ShowAsync(cli, ["preview", DemoUsers.AfterMapEdit.Username, "--old-pool", LocalMigrationStack.OldUserPoolId, "--parameter", stack.Options.MapParameterName], ct).ConfigureAwait(false);

        Step("6", $"Wait past MAP_CACHE_TTL_SECONDS={settings.MapCacheTtlSeconds}, then erin signs in");
        await Task.Delay(TimeSpan.FromSeconds(settings.MapCacheTtlSeconds) + TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false);
        // An expired map is served at once while it is re-read behind the answer (stale-while-revalidate): the first
        // invocation past the TTL starts that read. Let a refused sign-in be that one, so erin's sees the new map.
        var reads = stack.Parameters.GetParameterCalls;
        var stranger = await stack.SignInAsync("nobody-in-either-pool", "Nobody-Passw0rd-3!", ct).ConfigureAwait(false);
        await stack.Parameters.WaitForGetParameterCallsAsync(reads + 1, TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        output.WriteLine($"  a sign-in by someone in neither pool: {stranger}; the function re-read the map behind that answer");
        var pid = stack.Function.ChildProcessId;
        var afterEdit = NewPoolTable();
        await SignInAndRecordAsync(stack, DemoUsers.AfterMapEdit, DemoUsers.AfterMapEdit.Story, afterEdit, ct).ConfigureAwait(false);
        afterEdit.WriteTo(output);
        output.WriteLine($"  Same bootstrap process throughout (pid {pid}, started {stack.Function.ChildStartCount} time(s)): the new mapping came from Parameter Store.");

        await new GroupsStep(stack, output).RunAsync("7", ct).ConfigureAwait(false);
        await new CutoverStep(settings, output).RunAsync(stack, ct).ConfigureAwait(false);

        output.WriteLine();
        output.WriteLine("Stopping everything the demo started...");
    }

    /// <summary>
    /// The demo's one map edit, made as an operator makes it: `attrmapper map push FILE --parameter NAME`, which validates the
    /// document first and refuses an invalid one. Returns the parameter's new version.
    /// </summary>
    public async Task<long> PushMapEditAsync(LocalMigrationStack stack, OperatorCli cli, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(cli);
        var edited = Path.GetRelativePath(settings.RepositoryRoot, settings.EditedMapPath);
        output.WriteLine($"  $ attrmapper map push {edited} --parameter {stack.Options.MapParameterName} --json");
        var run = await cli.RunAsync(["map", "push", edited, "--parameter", stack.Options.MapParameterName, "--json"], ct).ConfigureAwait(false);
        var answer = run.ExitCode == 0 ? JsonNode.Parse(run.Output) : null;
        return answer?["version"]?.GetValue<long>()
            ?? throw new InvalidOperationException($"attrmapper map push failed (exit {run.ExitCode}): {run.Output}{run.Error}".Trim());
    }

    /// <summary>The CLI sees the stack as the function does: same endpoints, same dummy credentials, the pools' region.</summary>
    private static Dictionary<string, string> CliEnvironment(LocalMigrationStack stack) =>
        new(stack.FunctionEnvironment.Where(e => e.Key.StartsWith("AWS_", StringComparison.Ordinal)), StringComparer.Ordinal)
        {
            ["AWS_REGION"] = "eu-west-1",
        };

    /// <summary>Runs one CLI command and shows it as a terminal would: the command line, then its output, indented.</summary>
    private async Task ShowAsync(OperatorCli cli, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var shown = string.Join(' ', arguments);
        output.WriteLine($"  $ attrmapper {shown}");
        var run = await cli.RunAsync(arguments, ct).ConfigureAwait(false);
        foreach (var line in run.Output.TrimEnd().Split('\n'))
        {
            output.WriteLine($"    {line}");
        }

        // map diff answers 1 when there is a difference: that is the expected result here, not a failure.
        if (run.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"attrmapper {shown} failed (exit {run.ExitCode}): {run.Error.Trim()}");
        }
    }

    private static TextTable NewPoolTable() =>
        new("user", "story", "sign-in answer", "the function", "the new pool now holds (AdminGetUser)");

    private static string Attributes(IReadOnlyDictionary<string, string> attributes) =>
        string.Join('\n', attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} = {a.Value}"));

    private void Step(string number, string text)
    {
        output.WriteLine();
        output.WriteLine($"{number}. {text}");
    }

    private void DescribeStack(LocalMigrationStack stack)
    {
        Step("0", "The stack");
        var table = new TextTable("part", "where", "what");
        table.Add("old pool", stack.OldPoolApi.Endpoint.ToString(), $"{LocalMigrationStack.OldUserPoolId}: cognito-local {stack.OldPool.Endpoint} behind a fidelity proxy");
        table.Add("new pool", stack.NewPoolApi.Endpoint.ToString(), $"{LocalMigrationStack.NewUserPoolId}: cognito-local {stack.NewPool.Endpoint}, UserMigration, PreTokenGeneration and PostAuthentication triggers -> {LocalMigrationStack.FunctionName}");
        table.Add("cognito api", stack.CognitoApi.Endpoint.ToString(), "the function's one Cognito endpoint: each call goes to the pool it names, as Cognito's regional endpoint");
        table.Add("trigger", stack.Trigger.Endpoint.ToString(), "cognito-local's Lambda client -> trigger fidelity proxy -> Invoke API");
        table.Add("function", stack.Function.BaseAddress.ToString(), $"Lambda host: Invoke API + Runtime API for {Path.GetRelativePath(settings.RepositoryRoot, settings.BootstrapPath)} (Native AOT)");
        table.Add("map", stack.Parameters.Endpoint.ToString(), $"Parameter Store: {stack.Options.MapParameterName} = {Path.GetRelativePath(settings.RepositoryRoot, settings.MapPath)}");
        table.WriteTo(output);
        output.WriteLine($"  function environment: {string.Join(' ', stack.FunctionEnvironment.Where(e => !e.Key.StartsWith("AWS_SECRET", StringComparison.Ordinal) && !e.Key.StartsWith("AWS_SESSION", StringComparison.Ordinal)).Select(e => $"{e.Key}={e.Value}"))}");
    }

    private async Task SeedOldPoolAsync(LocalMigrationStack stack, CancellationToken ct)
    {
        Step("1", "The OLD pool's users (AdminCreateUser + a permanent password; passwords are random per run and never printed)");
        var table = new TextTable("user", "enabled", "old-pool attributes");
        foreach (var user in DemoUsers.All)
        {
            await stack.AddOldUserAsync(user.Username, user.Password, user.Attributes, user.Enabled, ct).ConfigureAwait(false);
            table.Add(user.Username, user.Enabled ? "yes" : "no", Attributes(user.Attributes.ToDictionary(a => a.Key, a => a.Value)) + "\nsub = (assigned by the old pool)");
        }

        table.WriteTo(output);
    }

    private async Task SignInAndRecordAsync(LocalMigrationStack stack, DemoUser user, string story, TextTable table, CancellationToken ct)
    {
        var before = stack.Function.InvocationCount;
        var result = await stack.SignInAsync(user.Username, user.TypedPassword, ct).ConfigureAwait(false);
        var function = stack.Function.InvocationCount == before ? "not called" : await FunctionSaidAsync(stack, before, ct).ConfigureAwait(false);
        var now = await stack.GetNewPoolUserAsync(user.Username, ct).ConfigureAwait(false);
        var holds = now is null ? "(no user)" : $"{now.Status}\n{Attributes(now.Attributes)}";
        table.Add(user.Username, story, result.ToString(), function, holds);
    }

    /// <summary>
    /// The function's own log line for the sign-in's migration (the group triggers that follow it have lines of their own),
    /// reduced to outcome, reason and map version.
    /// </summary>
    private static async Task<string> FunctionSaidAsync(LocalMigrationStack stack, int before, CancellationToken ct)
    {
        var lines = await FunctionLog.SinceAsync(stack, before, ct).ConfigureAwait(false);
        var (last, log) = lines.FirstOrDefault(l => l.Line?["triggerSource"]?.ToString().StartsWith("UserMigration_", StringComparison.Ordinal) == true);
        last ??= lines[0].Invocation;
        if (last.Outcome != AttrMapper.LambdaHost.InvocationOutcome.Success)
        {
            return $"failed: {last.ErrorType ?? last.Outcome.ToString()}";
        }

        if (log is null)
        {
            return "answered (no log line seen)";
        }

        var reason = log["reason"]?.ToString();
        var mapVersion = log["mapVersion"]?.ToString();
        return $"{log["outcome"]}" + (string.IsNullOrEmpty(reason) ? string.Empty : $" ({reason})")
            + (string.IsNullOrEmpty(mapVersion) ? string.Empty : $"\nmap version {mapVersion}")
            + $"\n{log["upstreamCalls"]} old-pool call(s)";
    }
}
