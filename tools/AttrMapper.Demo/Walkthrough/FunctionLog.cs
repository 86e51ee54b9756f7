using System.Text.Json.Nodes;
using AttrMapper.Demo.Stack;

namespace AttrMapper.Demo.Walkthrough;

/// <summary>
/// The function's own log lines (one JSON line per invocation), read from the Lambda host. With the group triggers attached a
/// sign-in is up to three invocations (UserMigration, PostAuthentication, TokenGeneration), so a step reads all of them.
/// </summary>
public static class FunctionLog
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>The log line of every invocation after the first <paramref name="before"/>, in order; null for one whose line did not come.</summary>
    public static async Task<IReadOnlyList<(AttrMapper.LambdaHost.InvocationRecord Invocation, JsonNode? Line)>> SinceAsync(
        LocalMigrationStack stack, int before, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var newer = stack.Function.InvocationCount - before;
        var invocations = newer <= 0 ? [] : stack.Function.RecentInvocations.TakeLast(newer).ToList();
        var lines = new List<(AttrMapper.LambdaHost.InvocationRecord, JsonNode?)>();
        foreach (var invocation in invocations)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(Patience);
            try
            {
                var line = await stack.Function.WaitForOutputAsync(
                    l => l.Text.Contains($"\"requestId\":\"{invocation.RequestId}\"", StringComparison.Ordinal), wait.Token).ConfigureAwait(false);
                lines.Add((invocation, JsonNode.Parse(line.Text)));
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                lines.Add((invocation, null));
            }
        }

        return lines;
    }

    /// <summary>How many UserMigration invocations the function has logged so far.</summary>
    public static int MigrationInvocations(LocalMigrationStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return stack.Function.OutputLines.Count(l => l.Text.Contains("\"triggerSource\":\"UserMigration_", StringComparison.Ordinal));
    }

    /// <summary>One line of a table cell: trigger, outcome (reason), upstream calls.</summary>
    public static string Describe(JsonNode? line) => line is null
        ? "answered (no log line seen)"
        : $"{Short(line["triggerSource"]?.ToString())}: {line["outcome"]} ({line["reason"]}), {line["upstreamCalls"]} call(s)";

    private static string Short(string? source) => source switch
    {
        null => "?",
        _ when source.StartsWith("TokenGeneration_", StringComparison.Ordinal) => "PreTokenGeneration",
        _ => source.Split('_')[0],
    };
}
