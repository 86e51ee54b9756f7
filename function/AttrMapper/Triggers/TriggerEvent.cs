using System.Text.Json;

namespace AttrMapper.Triggers;

/// <summary>
/// The few members of a Cognito trigger event the function acts on, read tolerantly (Cognito adds fields), plus
/// the parsed document so the answer can echo the event as received. Read once, by the dispatch.
/// </summary>
internal sealed class TriggerEvent : IDisposable
{
    public const string Authentication = "UserMigration_Authentication";
    public const string ForgotPassword = "UserMigration_ForgotPassword";

    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        MaxDepth = 64,
        // Two "userName" members would leave it to chance which one is verified and which one migrated.
        AllowDuplicateProperties = false,
    };

    private TriggerEvent(JsonDocument document, string userName, string triggerSource, string? userPoolId, string? password)
    {
        Document = document;
        UserName = userName;
        TriggerSource = triggerSource;
        UserPoolId = userPoolId;
        Password = password;
    }

    public JsonDocument Document { get; }

    public string UserName { get; }

    public string TriggerSource { get; }

    public string? UserPoolId { get; }

    /// <summary>The typed password (sign-in only). Never logged, never part of any message.</summary>
    public string? Password { get; }

    /// <summary>Reads an event; null when the body is not a JSON object carrying a string userName and triggerSource.</summary>
    public static TriggerEvent? TryRead(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ReadOptions);
        }
        catch (JsonException)
        {
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || String(root, "userName") is not { Length: > 0 } userName
            || String(root, "triggerSource") is not { Length: > 0 } triggerSource)
        {
            document.Dispose();
            return null;
        }

        var password = root.TryGetProperty("request", out var request) && request.ValueKind == JsonValueKind.Object
            ? String(request, "password")
            : null;
        return new TriggerEvent(document, userName, triggerSource, String(root, "userPoolId"), password);
    }

    public void Dispose() => Document.Dispose();

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
