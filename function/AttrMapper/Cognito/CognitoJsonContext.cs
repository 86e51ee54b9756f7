using System.Text.Json.Serialization;

namespace AttrMapper.Cognito;

/// <summary>Source-generated JSON for every Cognito wire type (no reflection under Native AOT).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(AdminInitiateAuthRequest))]
[JsonSerializable(typeof(AdminInitiateAuthResponse))]
[JsonSerializable(typeof(AdminGetUserRequest))]
[JsonSerializable(typeof(AdminGetUserResponse))]
[JsonSerializable(typeof(ListUsersRequest))]
[JsonSerializable(typeof(ListUsersResponse))]
[JsonSerializable(typeof(ErrorWire))]
[JsonSerializable(typeof(AdminListGroupsForUserRequest))]
[JsonSerializable(typeof(AdminListGroupsForUserResponse))]
[JsonSerializable(typeof(AdminAddUserToGroupRequest))]
[JsonSerializable(typeof(AdminDeleteUserAttributesRequest))]
[JsonSerializable(typeof(DescribeUserPoolRequest))]
[JsonSerializable(typeof(DescribeUserPoolResponse))]
[JsonSerializable(typeof(EmptyAnswer))]
internal sealed partial class CognitoJsonContext : JsonSerializerContext;
