using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AttrMapper.LocalPeers;

/// <summary>
/// Cognito's CSV user import: GetCSVHeader, the job's life (Created → Pending → InProgress → Succeeded | Failed, or Stopping →
/// Stopped), a pre-signed upload URL served by this same endpoint as S3 would, and the import's row checks.
/// </summary>
public sealed partial class ScriptedOldPool
{
    /// <summary>The standard columns of GetCSVHeader, in Cognito's order.</summary>
    private static readonly string[] StandardColumns =
    [
        "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website", "email",
        "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified", "address", "updated_at",
        "cognito:mfa_enabled", "cognito:username",
    ];

    private readonly List<ImportJob> _jobs = [];

    /// <summary>The import's limits and the job's pace.</summary>
    public ImportLimits Import { get; } = new();

    /// <summary>What the job wrote to its CloudWatch log: one line per failed or skipped row, e.g. "[ERROR] Line Number 3 - …".</summary>
    public IReadOnlyList<string> ImportLog(string jobId)
    {
        lock (_jobs)
        {
            return [.. _jobs.Single(j => j.JobId == jobId).Log];
        }
    }

    /// <summary>The CSV the job received through its pre-signed URL, or null before the upload.</summary>
    public string? UploadedFile(string jobId)
    {
        lock (_jobs)
        {
            return _jobs.Single(j => j.JobId == jobId).File is { } file ? Encoding.UTF8.GetString(file) : null;
        }
    }

    private sealed class ImportJob
    {
        public required string JobId { get; init; }

        public required string JobName { get; init; }

        public required PoolState Pool { get; init; }

        public required string RoleArn { get; init; }

        public required string Signature { get; init; }

        public required string PreSignedUrl { get; init; }

        public required DateTimeOffset Created { get; init; }

        public DateTimeOffset? Started { get; set; }

        public DateTimeOffset? Completed { get; set; }

        public string Status { get; set; } = "Created";

        public byte[]? File { get; set; }

        public int Polls { get; set; }

        public long Imported { get; set; }

        public long Skipped { get; set; }

        public long Failed { get; set; }

        public string? CompletionMessage { get; set; }

        public List<string> Log { get; } = [];

        public bool Running => Status is "Pending" or "InProgress";
    }

    private IReadOnlyList<string> CsvHeader(PoolState pool) =>
        [.. StandardColumns, .. SchemaOf(pool).Select(a => a.Name).Where(n => n.StartsWith("custom:", StringComparison.Ordinal))];

    private (int, string) ImportOperation(string operation, JsonObject body, PoolState pool) => operation switch
    {
        "GetCSVHeader" => (200, new JsonObject
        {
            ["UserPoolId"] = pool.Id,
            ["CSVHeader"] = new JsonArray([.. CsvHeader(pool).Select(c => (JsonNode)c)]),
        }.ToJsonString()),
        "CreateUserImportJob" => CreateUserImportJob(body, pool),
        "StartUserImportJob" => WithJob(body, pool, StartUserImportJob),
        "DescribeUserImportJob" => WithJob(body, pool, DescribeUserImportJob),
        "StopUserImportJob" => WithJob(body, pool, StopUserImportJob),
        "ListUserImportJobs" => ListUserImportJobs(body, pool),
        _ => (400, AwsJson.Error("UnknownOperationException", string.Empty)),
    };

    private static (int, string) NotNull(string member) =>
        (400, AwsJson.Error("InvalidParameterException", $"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"));

    private (int, string) CreateUserImportJob(JsonObject body, PoolState pool)
    {
        var name = Str(body, "JobName");
        var role = Str(body, "CloudWatchLogsRoleArn");
        if (string.IsNullOrEmpty(role))
        {
            return NotNull("cloudWatchLogsRoleArn");
        }

        if (string.IsNullOrEmpty(name))
        {
            return NotNull("jobName");
        }

        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var jobId = "import-" + RandomNumberGenerator.GetString(Alphabet, 10);
        var signature = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var created = _time.GetUtcNow();
        var url = new Uri(Endpoint, "upload/" + jobId).AbsoluteUri
            + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Date=" + created.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
            + "&X-Amz-SignedHeaders=host%3Bx-amz-server-side-encryption"
            + "&X-Amz-Expires=" + ((int)Import.UploadWindow.TotalSeconds).ToString(CultureInfo.InvariantCulture)
            + "&X-Amz-Credential=ASIAEXAMPLE%2F" + created.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "%2F" + Region(pool.Id) + "%2Fs3%2Faws4_request"
            + "&X-Amz-Signature=" + signature;
        var job = new ImportJob
        {
            JobId = jobId,
            JobName = name,
            Pool = pool,
            RoleArn = role,
            Signature = signature,
            PreSignedUrl = url,
            Created = created,
        };
        lock (_jobs)
        {
            _jobs.Add(job);
            return (200, JobAnswer(job));
        }
    }

    private (int, string) WithJob(JsonObject body, PoolState pool, Func<ImportJob, (int, string)> action)
    {
        var jobId = Str(body, "JobId");
        if (string.IsNullOrEmpty(jobId))
        {
            return NotNull("jobId");
        }

        lock (_jobs)
        {
            var job = _jobs.FirstOrDefault(j => j.JobId == jobId && j.Pool == pool);
            return job is null
                ? (400, AwsJson.Error("ResourceNotFoundException", $"Import job {jobId} does not exist."))
                : action(job);
        }
    }

    private (int, string) StartUserImportJob(ImportJob job)
    {
        if (job.Status != "Created")
        {
            return (400, AwsJson.Error("PreconditionNotMetException", $"Import job {job.JobId} is {job.Status}; only a Created job can be started."));
        }

        if (job.File is null)
        {
            return (400, AwsJson.Error("PreconditionNotMetException", "No file has been uploaded for this import job."));
        }

        // One import job runs per account at a time (StartUserImportJob's documented errors have no LimitExceededException).
        if (_jobs.Any(j => j.Running))
        {
            return (400, AwsJson.Error("PreconditionNotMetException", "Another user import job is already running in this account."));
        }

        job.Status = "Pending";
        job.Started = _time.GetUtcNow();
        job.Polls = 0;
        return (200, JobAnswer(job));
    }

    private (int, string) DescribeUserImportJob(ImportJob job)
    {
        if (job.Running || job.Status == "Stopping")
        {
            job.Polls++;
            if (job.Polls >= Math.Max(1, Import.DescribesPerStatus))
            {
                job.Polls = 0;
                Advance(job);
            }
        }

        return (200, JobAnswer(job));
    }

    private (int, string) StopUserImportJob(ImportJob job)
    {
        if (!job.Running)
        {
            return (400, AwsJson.Error("PreconditionNotMetException", $"Import job {job.JobId} is {job.Status}; only a Pending or InProgress job can be stopped."));
        }

        job.Status = "Stopping";
        job.Polls = 0;
        return (200, JobAnswer(job));
    }

    private (int, string) ListUserImportJobs(JsonObject body, PoolState pool)
    {
        var (offset, limit, error) = Paging(body, "MaxResults", "maxResults", "PaginationToken", 60);
        if (error is { } e)
        {
            return e;
        }

        List<JsonObject> jobs;
        lock (_jobs)
        {
            jobs = [.. _jobs.Where(j => j.Pool == pool).Select(j => JobJson(j))];
        }

        return Page("UserImportJobs", jobs, offset, limit, "PaginationToken");
    }

    private void Advance(ImportJob job)
    {
        switch (job.Status)
        {
            case "Pending":
                job.Status = "InProgress";
                break;
            case "InProgress":
                RunImport(job);
                job.Completed = _time.GetUtcNow();
                break;
            case "Stopping":
                job.Status = "Stopped";
                job.CompletionMessage = "The import job was stopped.";
                job.Completed = _time.GetUtcNow();
                break;
        }
    }

    private void RunImport(ImportJob job)
    {
        var file = job.File!;
        if (file.LongLength > Import.MaxBytesPerFile)
        {
            Fail(job, $"The file is larger than {Import.MaxBytesPerFile} bytes.");
            return;
        }

        var records = ImportCsv.Read(Encoding.UTF8.GetString(file));
        var header = CsvHeader(job.Pool);
        if (records.Count == 0 || !records[0].Values.SequenceEqual(header, StringComparer.Ordinal))
        {
            Fail(job, "The CSV header does not match the header of the user pool (GetCSVHeader).");
            return;
        }

        if (records.Count - 1 > Import.MaxUsersPerFile)
        {
            Fail(job, $"The file has more than {Import.MaxUsersPerFile} users.");
            return;
        }

        var column = header.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var reason = RowProblem(record, header.Count, column);
            var username = reason is null ? record.Values[column["cognito:username"]] : null;
            if (reason is not null)
            {
                job.Failed++;
                job.Log.Add($"[ERROR] Line Number {record.Line} - {reason}");
                continue;
            }

            if (!seen.Add(username!) || job.Pool.Users.ContainsKey(username!))
            {
                job.Skipped++;
                job.Log.Add($"[SKIPPED] Line Number {record.Line} - The User Already Exists.");
                continue;
            }

            var attributes = new List<KeyValuePair<string, string>> { new("sub", Guid.NewGuid().ToString()) };
            attributes.AddRange(header.Select((name, index) => new KeyValuePair<string, string>(name, record.Values[index]))
                .Where(a => a.Value.Length > 0 && !a.Key.StartsWith("cognito:", StringComparison.Ordinal)));
            job.Pool.Users[username!] = new FakeUser
            {
                Username = username!,
                Password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
                Status = "RESET_REQUIRED",
                Attributes = attributes,
            };
            job.Imported++;
        }

        if (job.Imported == 0 && job.Failed > 0)
        {
            Fail(job, "Too many users have failed or been skipped during the import.");
            return;
        }

        job.Status = "Succeeded";
        job.CompletionMessage = "Import Job Completed Successfully.";
    }

    private static void Fail(ImportJob job, string message)
    {
        job.Status = "Failed";
        job.CompletionMessage = message;
    }

    private string? RowProblem(ImportCsv.Record record, int columns, Dictionary<string, int> column)
    {
        if (record.Length > Import.MaxCharactersPerRow)
        {
            return $"The row is longer than {Import.MaxCharactersPerRow} characters.";
        }

        if (record.Values.Count != columns)
        {
            return $"The row has {record.Values.Count} values; the header has {columns}.";
        }

        string Value(string name) => record.Values[column[name]];
        bool IsTrue(string name) => string.Equals(Value(name), "true", StringComparison.OrdinalIgnoreCase);

        if (Value("cognito:username").Length == 0)
        {
            return "Missing required attribute cognito:username.";
        }

        var mfa = Value("cognito:mfa_enabled");
        if (!string.Equals(mfa, "true", StringComparison.OrdinalIgnoreCase) && !string.Equals(mfa, "false", StringComparison.OrdinalIgnoreCase))
        {
            return "cognito:mfa_enabled must be true or false.";
        }

        var email = Value("email").Length > 0 && IsTrue("email_verified");
        var phone = Value("phone_number").Length > 0 && IsTrue("phone_number_verified");
        if (!email && !phone)
        {
            return "The user needs an email with email_verified true or a phone_number with phone_number_verified true.";
        }

        if (string.Equals(mfa, "true", StringComparison.OrdinalIgnoreCase) && Value("phone_number").Length == 0)
        {
            return "cognito:mfa_enabled true needs a phone_number.";
        }

        foreach (var flag in new[] { "email_verified", "phone_number_verified" })
        {
            if (Value(flag).Length > 0 && !string.Equals(Value(flag), "true", StringComparison.OrdinalIgnoreCase) && !string.Equals(Value(flag), "false", StringComparison.OrdinalIgnoreCase))
            {
                return $"{flag} must be true or false.";
            }
        }

        return null;
    }

    private string JobAnswer(ImportJob job) => new JsonObject { ["UserImportJob"] = JobJson(job) }.ToJsonString();

    private static JsonObject JobJson(ImportJob job)
    {
        static double Epoch(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000.0;
        var o = new JsonObject
        {
            ["JobName"] = job.JobName,
            ["JobId"] = job.JobId,
            ["UserPoolId"] = job.Pool.Id,
            ["PreSignedUrl"] = job.PreSignedUrl,
            ["CreationDate"] = Epoch(job.Created),
        };
        if (job.Started is { } started)
        {
            o["StartDate"] = Epoch(started);
        }

        if (job.Completed is { } completed)
        {
            o["CompletionDate"] = Epoch(completed);
        }

        o["Status"] = job.Status;
        o["CloudWatchLogsRoleArn"] = job.RoleArn;
        o["ImportedUsers"] = job.Imported;
        o["SkippedUsers"] = job.Skipped;
        o["FailedUsers"] = job.Failed;
        if (job.CompletionMessage is { } message)
        {
            o["CompletionMessage"] = message;
        }

        return o;
    }

    /// <summary>The pre-signed PUT, answered as S3 answers it: 200 with an ETag, or a 403 with S3's error XML.</summary>
    private async Task UploadAsync(HttpContext context, string jobId)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        ImportJob? job;
        lock (_jobs)
        {
            job = _jobs.FirstOrDefault(j => j.JobId == jobId);
        }

        // The URL signs the host and x-amz-server-side-encryption: without the header (or with another value) S3 recomputes a
        // different signature, as it does for a tampered URL.
        if (job is null
            || request.Query["X-Amz-Signature"].ToString() != job.Signature
            || request.Headers["x-amz-server-side-encryption"].ToString() != "aws:kms")
        {
            await S3ErrorAsync(context, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.").ConfigureAwait(false);
            return;
        }

        var now = _time.GetUtcNow();
        if (now > job.Created + Import.UploadWindow)
        {
            await S3ErrorAsync(context, "AccessDenied", "Request has expired").ConfigureAwait(false);
            return;
        }

        lock (_jobs)
        {
            if (job.Status == "Created")
            {
                job.File = buffer.ToArray();
            }
        }

        context.Response.StatusCode = 200;
        context.Response.Headers.ETag = "\"" + Convert.ToHexStringLower(MD5.HashData(buffer.ToArray())) + "\"";
        context.Response.Headers["x-amz-server-side-encryption"] = "aws:kms";
    }

    private static Task S3ErrorAsync(HttpContext context, string code, string message)
    {
        context.Response.StatusCode = 403;
        context.Response.ContentType = "application/xml";
        var requestId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        return context.Response.WriteAsync(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>{requestId}</RequestId><HostId>{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}</HostId></Error>",
            context.RequestAborted);
    }
}
