using System.CommandLine;
using System.CommandLine.Help;
using AttrMapper.Cli.Commands;

namespace AttrMapper.Cli;

/// <summary>The <c>attrmapper</c> command tree. Parse errors exit 2 (usage), never 1, so that 1 keeps meaning "invalid map / difference".</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken ct = default)
    {
        var root = Build(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            foreach (var error in parsed.Errors)
            {
                await context.Error.WriteLineAsync("attrmapper: " + error.Message).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync("Run 'attrmapper --help' (or '<command> --help') for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            // Our actions turn every failure into an exit code themselves; anything left is a bug and should show as one.
            EnableDefaultExceptionHandler = false,
        };
        return await parsed.InvokeAsync(invocation, ct).ConfigureAwait(false);
    }

    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "attrmapper: check, publish and preview the AttrMapper attribute map, watch a Cognito migration, and settle its group memberships.\n" +
            "Exit codes: 0 ok, 1 invalid map, difference found, or markers left (groups settle), 2 usage error, 3 AWS/network error, 4 not found.\n" +
            "AWS: AWS_REGION, credentials from the default chain, AWS_ENDPOINT_URL[_SSM|_COGNITO_IDENTITY_PROVIDER] for local peers.");
        var map = new Command("map", "Validate the attribute map, and push, pull or diff it in Parameter Store.")
        {
            MapCommands.Validate(context),
            MapCommands.Push(context),
            MapCommands.Pull(context),
            MapCommands.Diff(context),
        };
        root.Add(map);
        root.Add(PreviewCommand.Create(context));
        root.Add(ProgressCommand.Create(context));
        root.Add(SweepCommand.Create(context));
        root.Add(GroupsCommand.Create(context));
        return root;
    }
}
