using System.Text.Json.Serialization;

namespace AttrMapper.Cli.Aws;

/// <summary>Source-generated JSON for the Cognito shapes only the CLI sends and reads (no reflection under Native AOT).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(ListAllUsersRequest))]
[JsonSerializable(typeof(ListAllUsersResponse))]
[JsonSerializable(typeof(DescribeUserPoolRequest))]
[JsonSerializable(typeof(DescribeUserPoolResponse))]
[JsonSerializable(typeof(DescribeUserPoolClientRequest))]
[JsonSerializable(typeof(DescribeUserPoolClientResponse))]
[JsonSerializable(typeof(GetCsvHeaderRequest))]
[JsonSerializable(typeof(GetCsvHeaderResponse))]
[JsonSerializable(typeof(CreateUserImportJobRequest))]
[JsonSerializable(typeof(UserImportJobRequest))]
[JsonSerializable(typeof(UserImportJobResponse))]
[JsonSerializable(typeof(ListUserImportJobsRequest))]
[JsonSerializable(typeof(ListUserImportJobsResponse))]
[JsonSerializable(typeof(ListGroupsRequest))]
[JsonSerializable(typeof(ListGroupsResponse))]
[JsonSerializable(typeof(ListUserPoolClientsRequest))]
[JsonSerializable(typeof(ListUserPoolClientsResponse))]
[JsonSerializable(typeof(DescribeClientWritesResponse))]
internal sealed partial class CliCognitoJsonContext : JsonSerializerContext;
