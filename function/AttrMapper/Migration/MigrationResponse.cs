using System.Text.Json;
using AttrMapper.Triggers;

namespace AttrMapper.Migration;

/// <summary>Writes the migrate answer: the event as received, its <c>response</c> the members of a <see cref="MigrationAnswer"/>.</summary>
internal static class MigrationResponse
{
    public static byte[] Migrate(TriggerEvent trigger, MigrationAnswer answer) => ResponseWriter.Write(trigger, writer => WriteMembers(writer, answer));

    private static void WriteMembers(Utf8JsonWriter writer, MigrationAnswer answer)
    {
        writer.WritePropertyName("userAttributes");
        writer.WriteStartObject();
        foreach (var (name, value) in answer.UserAttributes)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        writer.WriteString("finalUserStatus", answer.FinalUserStatus);
        writer.WriteString("messageAction", answer.MessageAction);
        if (answer.DesiredDeliveryMediums is { Count: > 0 } mediums)
        {
            writer.WritePropertyName("desiredDeliveryMediums");
            writer.WriteStartArray();
            foreach (var medium in mediums)
            {
                writer.WriteStringValue(medium);
            }

            writer.WriteEndArray();
        }

        if (answer.ForceAliasCreation is { } force)
        {
            writer.WriteBoolean("forceAliasCreation", force);
        }

        if (answer.EnableSmsMfa is { } sms)
        {
            writer.WriteBoolean("enableSMSMFA", sms);
        }
    }
}
