using System.Text.Json;
using AttrMapper.Logging;
using AttrMapper.Triggers;

namespace AttrMapper.Groups;

/// <summary>
/// Pre token generation (every <c>TokenGeneration_*</c> source, V1 event): with a verified marker, the first session's
/// tokens carry its groups through <c>groupOverrideDetails</c>. No upstream call beyond the pool's sign-in kind (once
/// per container, and only when a marker is there); anything else answers the event unchanged.
/// </summary>
internal sealed class PreTokenGenerationHandler(MarkerReader markers, TimeProvider clock) : ITriggerHandler
{
    public const string Family = "TokenGeneration_*";

    public Task<TriggerAnswer> HandleAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct) =>
        NeverFail.RunAsync(trigger, scope, clock, c => AnswerAsync(trigger, scope, c), ct);

    private async Task<TriggerAnswer> AnswerAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct)
    {
        var read = await markers.ReadAsync(trigger, scope, ct).ConfigureAwait(false);
        if (read.Payload is not { } payload)
        {
            return NeverFail.Unchanged(trigger, read.Reason!);
        }

        if (payload.Groups is not { } groups)
        {
            return NeverFail.Unchanged(trigger, GroupReasons.LookupPending);
        }

        var configuration = GroupConfiguration(trigger);
        var merged = new List<string>();
        if (configuration?.TryGetProperty("groupsToOverride", out var existing) == true && existing.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in existing.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { } name && !merged.Contains(name, StringComparer.Ordinal))
                {
                    merged.Add(name);
                }
            }
        }

        foreach (var group in groups)
        {
            if (!merged.Contains(group, StringComparer.Ordinal))
            {
                merged.Add(group);
            }
        }

        var response = ResponseWriter.Write(trigger, writer =>
        {
            writer.WritePropertyName("claimsOverrideDetails");
            writer.WriteStartObject();
            writer.WritePropertyName("groupOverrideDetails");
            writer.WriteStartObject();
            writer.WritePropertyName("groupsToOverride");
            writer.WriteStartArray();
            foreach (var name in merged)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
            Copy(writer, configuration, "iamRolesToOverride", w => { w.WriteStartArray(); w.WriteEndArray(); });
            Copy(writer, configuration, "preferredRole", w => w.WriteNullValue());
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        return new TriggerAnswer(OutcomeKind.Answered, GroupReasons.GroupsOverridden, response);
    }

    private static JsonElement? GroupConfiguration(TriggerEvent trigger) =>
        trigger.Document.RootElement.TryGetProperty("request", out var request) && request.ValueKind == JsonValueKind.Object
        && request.TryGetProperty("groupConfiguration", out var configuration) && configuration.ValueKind == JsonValueKind.Object
            ? configuration
            : null;

    private static void Copy(Utf8JsonWriter writer, JsonElement? configuration, string name, Action<Utf8JsonWriter> absent)
    {
        writer.WritePropertyName(name);
        if (configuration?.TryGetProperty(name, out var value) == true)
        {
            value.WriteTo(writer);
        }
        else
        {
            absent(writer);
        }
    }
}
