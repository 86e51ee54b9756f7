using System.Buffers;
using System.Text.Json;

namespace AttrMapper.Triggers;

/// <summary>Writes the answer to Cognito: the event as received, with its <c>response</c> member replaced.</summary>
internal static class ResponseWriter
{
    /// <summary>The reject shape: <c>response</c> is <c>{}</c>, the same bytes for every reason.</summary>
    public static byte[] Reject(TriggerEvent trigger) => Write(trigger, writeMembers: null);

    /// <summary>The event with <c>response</c> = an object whose members <paramref name="writeMembers"/> writes (none when null).</summary>
    public static byte[] Write(TriggerEvent trigger, Action<Utf8JsonWriter>? writeMembers)
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
                    WriteResponse(writer, writeMembers);
                    wroteResponse = true;
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            if (!wroteResponse)
            {
                WriteResponse(writer, writeMembers);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteResponse(Utf8JsonWriter writer, Action<Utf8JsonWriter>? writeMembers)
    {
        writer.WritePropertyName("response");
        writer.WriteStartObject();
        writeMembers?.Invoke(writer);
        writer.WriteEndObject();
    }
}
