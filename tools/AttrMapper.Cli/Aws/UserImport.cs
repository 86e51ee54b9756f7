using System.Net;
using AttrMapper.Cognito;

namespace AttrMapper.Cli.Aws;

/// <summary>
/// Cognito's CSV user import on one (new) pool, over the function's <see cref="CognitoTransport"/>, and the upload of a
/// file to a job's pre-signed URL: a plain HTTP PUT with the one header the URL signs, no AWS signature of ours.
/// </summary>
internal sealed class UserImport(CognitoTransport transport, HttpClient http, string userPoolId, CognitoEndpoint endpoint)
{
    /// <summary>The header S3 requires on the pre-signed PUT (the URL signs it).</summary>
    public const string EncryptionHeader = "x-amz-server-side-encryption";

    public const string EncryptionValue = "aws:kms";

    public string UserPoolId => userPoolId;

    /// <summary>The import file's columns, in the order the file must have them.</summary>
    public async Task<IReadOnlyList<string>> CsvHeaderAsync(CancellationToken ct)
    {
        var response = await transport.CallAsync(endpoint, "GetCSVHeader", new GetCsvHeaderRequest { UserPoolId = userPoolId },
            CliCognitoJsonContext.Default.GetCsvHeaderRequest, CliCognitoJsonContext.Default.GetCsvHeaderResponse, ct).ConfigureAwait(false);
        if (response.CsvHeader is not { Count: > 0 } header || header.Any(string.IsNullOrEmpty))
        {
            throw CognitoTransport.Malformed();
        }

        return header;
    }

    public async Task<ImportJob> CreateAsync(string jobName, string logsRoleArn, CancellationToken ct)
    {
        var request = new CreateUserImportJobRequest { JobName = jobName, UserPoolId = userPoolId, CloudWatchLogsRoleArn = logsRoleArn };
        var response = await transport.CallAsync(endpoint, "CreateUserImportJob", request, CliCognitoJsonContext.Default.CreateUserImportJobRequest,
            CliCognitoJsonContext.Default.UserImportJobResponse, ct).ConfigureAwait(false);
        return ImportJob.From(response.UserImportJob);
    }

    public Task<ImportJob> StartAsync(string jobId, CancellationToken ct) => JobCallAsync("StartUserImportJob", jobId, ct);

    public Task<ImportJob> DescribeAsync(string jobId, CancellationToken ct) => JobCallAsync("DescribeUserImportJob", jobId, ct);

    /// <summary>The pool's job named <paramref name="jobName"/> (the newest when several), or null: recovers a job whose creation was not recorded.</summary>
    public async Task<ImportJob?> FindAsync(string jobName, CancellationToken ct)
    {
        ImportJob? found = null;
        string? token = null;
        for (var page = 0; page < 10_000; page++)
        {
            var request = new ListUserImportJobsRequest { UserPoolId = userPoolId, MaxResults = 60, PaginationToken = token };
            var response = await transport.CallAsync(endpoint, "ListUserImportJobs", request, CliCognitoJsonContext.Default.ListUserImportJobsRequest,
                CliCognitoJsonContext.Default.ListUserImportJobsResponse, ct).ConfigureAwait(false);
            foreach (var wire in response.UserImportJobs ?? throw CognitoTransport.Malformed())
            {
                if (string.Equals(wire.JobName, jobName, StringComparison.Ordinal))
                {
                    found = ImportJob.From(wire);
                }
            }

            token = string.IsNullOrEmpty(response.PaginationToken) ? null : response.PaginationToken;
            if (token is null)
            {
                return found;
            }
        }

        return found;
    }

    /// <summary>PUTs the file; true when S3 took it, false when it refused the URL (expired, or not valid for this upload).</summary>
    public async Task<bool> UploadAsync(ImportJob job, string path, CancellationToken ct)
    {
        if (job.PreSignedUrl is not { Length: > 0 } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw CognitoTransport.Malformed();
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        using var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = new StreamContent(file, 1 << 16) };
        request.Content.Headers.ContentLength = file.Length;
        request.Headers.TryAddWithoutValidation(EncryptionHeader, EncryptionValue);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            throw new CognitoException(CognitoErrorKind.Network, string.Empty, 0, surelyUnprocessed: false);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CognitoException(CognitoErrorKind.Timeout, string.Empty, 0, surelyUnprocessed: false);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            if (response.StatusCode is HttpStatusCode.Forbidden)
            {
                return false;
            }

            throw new CognitoException((int)response.StatusCode >= 500 ? CognitoErrorKind.ServerError : CognitoErrorKind.Other, "Upload", (int)response.StatusCode, surelyUnprocessed: false);
        }
    }

    private async Task<ImportJob> JobCallAsync(string operation, string jobId, CancellationToken ct)
    {
        var request = new UserImportJobRequest { UserPoolId = userPoolId, JobId = jobId };
        var response = await transport.CallAsync(endpoint, operation, request, CliCognitoJsonContext.Default.UserImportJobRequest,
            CliCognitoJsonContext.Default.UserImportJobResponse, ct).ConfigureAwait(false);
        return ImportJob.From(response.UserImportJob);
    }
}
