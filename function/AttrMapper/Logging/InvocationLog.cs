using System.Buffers;
using System.Text.Json;

namespace AttrMapper.Logging;

/// <summary>
/// Writes the one JSON line per invocation (DESIGN.md §7), carrying CloudWatch Embedded Metric Format counters.
/// Only fixed codes, counts and hashes go in: never a password, token, attribute value or upstream text.
/// </summary>
internal sealed class InvocationLog(Stream output, TimeProvider clock, Func<UserHasher> hasher, bool logUserNames)
{
    public const string Namespace = "AttrMapper";

    private readonly ArrayBufferWriter<byte> buffer = new(1024);
    private readonly Lock gate = new();

    /// <summary>One hasher for every line.</summary>
    public InvocationLog(Stream output, TimeProvider clock, UserHasher hasher, bool logUserNames)
        : this(output, clock, () => hasher, logUserNames)
    {
    }

    /// <summary>Map refreshes that failed or brought an invalid document since the last line; reported once, then reset.</summary>
    public Func<long>? TakeMapRefreshFailures { get; init; }

    public void Write(InvocationRecord record)
    {
        lock (gate)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteLine(writer, record);
            }

            buffer.Write("\n"u8);
            output.Write(buffer.WrittenSpan);
            output.Flush();
        }
    }

    /// <summary>A line about the container rather than an invocation (init problems); same fields where they apply.</summary>
    public void WriteEvent(string level, string reason)
    {
        lock (gate)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("timestamp", clock.GetUtcNow());
                writer.WriteString("level", level);
                writer.WriteString("reason", reason);
                writer.WriteEndObject();
            }

            buffer.Write("\n"u8);
            output.Write(buffer.WrittenSpan);
            output.Flush();
        }
    }

    private void WriteLine(Utf8JsonWriter writer, InvocationRecord record)
    {
        var now = clock.GetUtcNow();
        var triggerSource = record.TriggerSource ?? "none";
        var outcome = record.Outcome.WireName();
        var refreshFailures = TakeMapRefreshFailures?.Invoke() ?? 0;

        writer.WriteStartObject();
        writer.WriteString("timestamp", now);
        writer.WriteString("level", record.Outcome == OutcomeKind.Fault ? "ERROR" : "INFO");
        writer.WriteString("requestId", record.RequestId);
        writer.WriteString("triggerSource", triggerSource);
        writer.WriteString("outcome", outcome);
        writer.WriteString("reason", record.Reason);
        writer.WriteNumber("durationMs", Math.Round(record.Duration.TotalMilliseconds, 3));
        writer.WriteNumber("upstreamCalls", record.UpstreamCalls);
        if (record.MapVersion is { } version)
        {
            writer.WriteNumber("mapVersion", version);
        }
        else
        {
            writer.WriteNull("mapVersion");
        }

        if (record.UserName is { } name)
        {
            // The hasher is asked per line: the function's key may have loaded (or rotated) since the last one.
            var current = hasher();
            if (current.Hash(name) is { } hash)
            {
                writer.WriteString("userHash", hash);
            }
            else
            {
                writer.WriteNull("userHash");
            }

            writer.WriteString("userHashKey", current.Label);
            if (logUserNames)
            {
                writer.WriteString("userName", name);
            }
        }
        else
        {
            writer.WriteNull("userHash");
        }

        // EMF: the members named in the directives below are the metric values and dimensions.
        writer.WriteString("TriggerSource", triggerSource);
        writer.WriteString("Outcome", outcome);
        writer.WriteString("Reason", record.Reason);
        writer.WriteNumber("Invocations", 1);
        writer.WriteNumber("DurationMs", Math.Round(record.Duration.TotalMilliseconds, 3));
        writer.WriteNumber("Rejected", record.Outcome == OutcomeKind.Rejected ? 1 : 0);
        writer.WriteNumber("Faults", record.Outcome == OutcomeKind.Fault ? 1 : 0);
        writer.WriteNumber("MapRefreshFailures", refreshFailures);
        var groups = record.Groups;
        writer.WriteNumber("GroupsCarried", groups?.GroupsCarried ?? 0);
        writer.WriteNumber("GroupsSettled", groups?.GroupsSettled ?? 0);
        writer.WriteNumber("MarkersPending", groups?.MarkersPending ?? 0);
        writer.WriteNumber("MarkersRejected", groups?.MarkersRejected ?? 0);
        writer.WriteNumber("GroupsMissing", groups?.GroupsMissing ?? 0);

        writer.WritePropertyName("_aws");
        writer.WriteStartObject();
        writer.WriteNumber("Timestamp", now.ToUnixTimeMilliseconds());
        writer.WritePropertyName("CloudWatchMetrics");
        writer.WriteStartArray();
        Directive(writer, ["TriggerSource", "Outcome"], [("Invocations", "Count"), ("DurationMs", "Milliseconds")]);
        Directive(writer, [], [("Invocations", "Count"), ("Faults", "Count"), ("DurationMs", "Milliseconds"), ("MapRefreshFailures", "Count"),
            ("GroupsCarried", "Count"), ("GroupsSettled", "Count"), ("MarkersPending", "Count"), ("MarkersRejected", "Count"), ("GroupsMissing", "Count")]);
        Directive(writer, ["Reason"], [("Rejected", "Count"), ("Faults", "Count")]);
        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteEndObject();
    }

    private static void Directive(Utf8JsonWriter writer, string[] dimensions, (string Name, string Unit)[] metrics)
    {
        writer.WriteStartObject();
        writer.WriteString("Namespace", Namespace);
        writer.WritePropertyName("Dimensions");
        writer.WriteStartArray();
        writer.WriteStartArray();
        foreach (var dimension in dimensions)
        {
            writer.WriteStringValue(dimension);
        }

        writer.WriteEndArray();
        writer.WriteEndArray();
        writer.WritePropertyName("Metrics");
        writer.WriteStartArray();
        foreach (var (name, unit) in metrics)
        {
            writer.WriteStartObject();
            writer.WriteString("Name", name);
            writer.WriteString("Unit", unit);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
