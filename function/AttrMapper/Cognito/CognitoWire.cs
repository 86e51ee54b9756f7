using System.Text.Json;
using System.Text.Json.Serialization;

namespace AttrMapper.Cognito;

// The Cognito Identity Provider JSON 1.1 shapes this function sends and reads; unknown response fields are ignored.

internal sealed class AdminInitiateAuthRequest
{
    public required string UserPoolId { get; init; }

    public required string ClientId { get; init; }

    public required string AuthFlow { get; init; }

    public required Dictionary<string, string> AuthParameters { get; init; }
}

internal sealed class AdminInitiateAuthResponse
{
    // Kept as an element so the tokens are never bound to named properties; only its shape is checked.
    public JsonElement? AuthenticationResult { get; init; }

    public string? ChallengeName { get; init; }
}

internal sealed class AdminGetUserRequest
{
    public required string UserPoolId { get; init; }

    public required string Username { get; init; }
}

internal sealed class AttributeWire
{
    public string? Name { get; init; }

    public string? Value { get; init; }
}

internal sealed class AdminGetUserResponse
{
    public string? Username { get; init; }

    public bool? Enabled { get; init; }

    public string? UserStatus { get; init; }

    public List<AttributeWire>? UserAttributes { get; init; }
}

internal sealed class ListUsersRequest
{
    public required string UserPoolId { get; init; }

    /// <summary>Always an exact match (UserFilter); the CLI's unfiltered pages have their own shape.</summary>
    public required string Filter { get; init; }

    public required int Limit { get; init; }
}

internal sealed class UserWire
{
    public string? Username { get; init; }

    public bool? Enabled { get; init; }

    public string? UserStatus { get; init; }

    public List<AttributeWire>? Attributes { get; init; }
}

internal sealed class ListUsersResponse
{
    public List<UserWire>? Users { get; init; }
}

internal sealed class ErrorWire
{
    // Only the code is read: the message is upstream text and never leaves this process.
    [JsonPropertyName("__type")]
    public string? Type { get; init; }
}
