using System.Text.Json.Serialization;

namespace AttrMapper.Cli.Aws;

// Cognito's CSV user import (GetCSVHeader, CreateUserImportJob, StartUserImportJob, DescribeUserImportJob,
// ListUserImportJobs): the shapes the sweep sends and reads; unknown response fields are ignored.

internal sealed class GetCsvHeaderRequest
{
    public required string UserPoolId { get; init; }
}

internal sealed class GetCsvHeaderResponse
{
    public string? UserPoolId { get; init; }

    [JsonPropertyName("CSVHeader")]
    public List<string>? CsvHeader { get; init; }
}

internal sealed class CreateUserImportJobRequest
{
    public required string JobName { get; init; }

    public required string UserPoolId { get; init; }

    public required string CloudWatchLogsRoleArn { get; init; }
}

/// <summary>StartUserImportJob and DescribeUserImportJob.</summary>
internal sealed class UserImportJobRequest
{
    public required string UserPoolId { get; init; }

    public required string JobId { get; init; }
}

internal sealed class ListUserImportJobsRequest
{
    public required string UserPoolId { get; init; }

    public required int MaxResults { get; init; }

    public string? PaginationToken { get; init; }
}

internal sealed class UserImportJobWire
{
    public string? JobName { get; init; }

    public string? JobId { get; init; }

    public string? UserPoolId { get; init; }

    /// <summary>A credential for the upload: used, never stored or printed.</summary>
    public string? PreSignedUrl { get; init; }

    public string? Status { get; init; }

    public long? ImportedUsers { get; init; }

    public long? SkippedUsers { get; init; }

    public long? FailedUsers { get; init; }
}

internal sealed class UserImportJobResponse
{
    public UserImportJobWire? UserImportJob { get; init; }
}

internal sealed class ListUserImportJobsResponse
{
    public List<UserImportJobWire>? UserImportJobs { get; init; }

    public string? PaginationToken { get; init; }
}
