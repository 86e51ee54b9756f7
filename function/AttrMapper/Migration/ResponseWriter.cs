using System.Buffers;
using System.Text.Json;

namespace AttrMapper.Migration;

/// <summary>Writes the answer to Cognito: the event as received, with its <c>response</c> member replaced.</summary>
internal static class ResponseWriter
{
    /// <summary>The reject shape: <c>response</c> is <c>{}</c>, the same bytes for every reason.</summary>
    public static byte[] Reject(TriggerEvent trigger) => Write(trigger, answer: null);

    public static byte[] Migrate(TriggerEvent trigger, MigrationAnswer answer) => Write(trigger, answer);

    private static byte[] Write(TriggerEvent trigger, MigrationAnswer? answer)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var wroteResponse = false;
            foreach (var property in trigger.Document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("response"))
                {
                    WriteResponse(writer, answer);
                    wroteResponse = true;
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            if (!wroteResponse)
            {
                WriteResponse(writer, answer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteResponse(Utf8JsonWriter writer, MigrationAnswer? answer)
    {
        writer.WritePropertyName("response");
        writer.WriteStartObject();
        if (answer is not null)
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

        writer.WriteEndObject();
    }
}
