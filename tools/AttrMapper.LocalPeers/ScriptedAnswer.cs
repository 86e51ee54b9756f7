using System.Text.Json.Nodes;

namespace AttrMapper.LocalPeers;

/// <summary>One scripted answer of a fake AWS endpoint: a body and status, a delay, a hang, or a dropped connection.</summary>
public sealed class ScriptedAnswer
{
    private ScriptedAnswer(int status, string? body, string? errorType, TimeSpan delay, bool hang, bool drop, bool fromState, string contentType)
    {
        Status = status;
        Body = body;
        ErrorType = errorType;
        Delay = delay;
        IsHang = hang;
        IsDrop = drop;
        FromState = fromState;
        ContentType = contentType;
    }

    /// <summary>Answer from the fake's users and settings, like the real service would.</summary>
    public static ScriptedAnswer FromUsers { get; } = new(0, null, null, TimeSpan.Zero, false, false, true, AwsJson.ContentType);

    public int Status { get; }

    public string? Body { get; }

    /// <summary>The error code also sent in X-Amzn-ErrorType, when this is an AWS error.</summary>
    public string? ErrorType { get; }

    public TimeSpan Delay { get; }

    public bool IsHang { get; }

    public bool IsDrop { get; }

    public bool FromState { get; }

    public string ContentType { get; }

    /// <summary>A 200 (or other status) with this exact body.</summary>
    public static ScriptedAnswer Json(string body, int status = 200) =>
        new(status, body, null, TimeSpan.Zero, false, false, false, AwsJson.ContentType);

    /// <summary>Any status, body and content type (e.g. a proxy's HTML 502).</summary>
    public static ScriptedAnswer Raw(int status, string body, string contentType = "text/html") =>
        new(status, body, null, TimeSpan.Zero, false, false, false, contentType);

    /// <summary>An AWS error: the status, {"__type","message"} and the X-Amzn-ErrorType header.</summary>
    public static ScriptedAnswer Error(string type, string message, int status = 400) =>
        new(status, AwsJson.Error(type, message), type, TimeSpan.Zero, false, false, false, AwsJson.ContentType);

    public static ScriptedAnswer Throttled() => Error("TooManyRequestsException", "Rate exceeded");

    public static ScriptedAnswer LimitExceeded() => Error("LimitExceededException", "Attempt limit exceeded, please try after some time.");

    public static ScriptedAnswer InternalError() => Error("InternalErrorException", "An internal error occurred.", 500);

    /// <summary>A sign-in challenge as Cognito sends it (no AuthenticationResult).</summary>
    public static ScriptedAnswer Challenge(string name, string username = "user") => Json(new JsonObject
    {
        ["ChallengeName"] = name,
        ["ChallengeParameters"] = new JsonObject
        {
            ["CODE_DELIVERY_DELIVERY_MEDIUM"] = "SMS",
            ["CODE_DELIVERY_DESTINATION"] = "+********1234",
            ["USER_ID_FOR_SRP"] = username,
        },
        ["Session"] = "AYABeSessionPlaceholder",
    }.ToJsonString());

    /// <summary>Never answers: holds the request until the client gives up or the fake stops.</summary>
    public static ScriptedAnswer Hang() => new(0, null, null, TimeSpan.Zero, true, false, false, AwsJson.ContentType);

    /// <summary>Closes the connection without an answer.</summary>
    public static ScriptedAnswer Drop() => new(0, null, null, TimeSpan.Zero, false, true, false, AwsJson.ContentType);

    /// <summary>The same answer after a delay.</summary>
    public ScriptedAnswer After(TimeSpan delay) => new(Status, Body, ErrorType, delay, IsHang, IsDrop, FromState, ContentType);
}
