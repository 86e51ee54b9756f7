using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace AttrMapper.LocalPeers.CognitoLocal;

/// <summary>
/// Cognito's CSV user import (GetCSVHeader, CreateUserImportJob, the pre-signed upload, StartUserImportJob,
/// DescribeUserImportJob, StopUserImportJob, ListUserImportJobs) for a pool held by cognito-local, which has none of it.
/// <see cref="CognitoFidelityProxy"/> hands those operations here.
/// </summary>
/// <remarks>
/// The import API itself is <see cref="ScriptedOldPool"/>'s (one implementation of the answers, the job's statuses, the S3-shaped
/// upload and the documented row checks): each call is passed to a scripted endpoint that serves the same pool id, after giving
/// it the pool's schema (cognito-local's DescribeUserPool, so the CSV header has the pool's custom attributes) and, before a job
/// can run, the usernames cognito-local already holds (so a row for one of them is skipped as "The User Already Exists").
/// When a job ends, every user it imported is made in cognito-local as RESET_REQUIRED with the row's attributes, through
/// <see cref="ImportLanding"/>, before the caller sees the job's last status: a sweep that reads Succeeded finds them there.
/// </remarks>
public sealed class CognitoLocalUserImport : IAsyncDisposable
{
    /// <summary>The operations served here rather than by cognito-local.</summary>
    public static readonly IReadOnlySet<string> Operations = new HashSet<string>(StringComparer.Ordinal)
    {
        "GetCSVHeader", "CreateUserImportJob", "StartUserImportJob", "DescribeUserImportJob", "StopUserImportJob", "ListUserImportJobs",
    };

    private static readonly HashSet<string> Ended = new(StringComparer.Ordinal) { "Succeeded", "Failed", "Stopped", "Expired" };
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Uri _cognitoLocal;
    private readonly ScriptedOldPool _jobs;

    // Users the scripted endpoint holds because cognito-local had them, not because a job imported them.
    private readonly HashSet<(string Pool, string Username)> _mirrored = [];
    private readonly HashSet<string> _landedJobs = new(StringComparer.Ordinal);

    // Per job: rows the scripted job counted as imported whose user cognito-local already held by then (it signed in meanwhile).
    private readonly Dictionary<string, long> _alreadyThere = new(StringComparer.Ordinal);

    private CognitoLocalUserImport(Uri cognitoLocal, ScriptedOldPool jobs)
    {
        _cognitoLocal = cognitoLocal;
        _jobs = jobs;
    }

    /// <summary>Give this to the <see cref="UserMigrationTriggerProxy"/> cognito-local's UserMigration trigger goes to.</summary>
    public ImportLanding Landing { get; } = new();

    /// <summary>The import's limits and the job's pace (tests turn them down).</summary>
    public ImportLimits Limits => _jobs.Import;

    /// <summary>Where the pre-signed upload URLs point (the stand-in for S3).</summary>
    public Uri UploadEndpoint => _jobs.Endpoint;

    /// <summary>Users imported into cognito-local so far.</summary>
    public int Imported => Landing.Landed;

    /// <summary>
    /// Serves the import for pools of the cognito-local at <paramref name="cognitoLocal"/>. cognito-local's UserMigration trigger
    /// must go through a <see cref="UserMigrationTriggerProxy"/> whose <see cref="UserMigrationTriggerProxy.Landing"/> is
    /// <see cref="Landing"/>: without it a job that imports anyone fails loudly.
    /// </summary>
    public static async Task<CognitoLocalUserImport> StartAsync(Uri cognitoLocal, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(cognitoLocal);

        // Its own pool is never used; the served pools are added as calls name them.
        var jobs = await ScriptedOldPool.StartAsync("local_importjobs", time: time).ConfigureAwait(false);
        return new CognitoLocalUserImport(cognitoLocal, jobs);
    }

    /// <summary>What the job wrote to its CloudWatch log: one line per failed or skipped row.</summary>
    public IReadOnlyList<string> ImportLog(string jobId) => _jobs.ImportLog(jobId);

    /// <summary>Answers one import operation: status, body, error code (null on success).</summary>
    public async Task<CognitoApiAnswer> AnswerAsync(string operation, byte[] request, string? authorization, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(request) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (body?["UserPoolId"] is JsonValue p && p.TryGetValue<string>(out var poolId) && await ServeAsync(poolId, ct).ConfigureAwait(false)
                && operation is "StartUserImportJob" or "DescribeUserImportJob")
            {
                await MirrorAsync(poolId, ct).ConfigureAwait(false);
            }

            var answer = await ForwardAsync(operation, request, authorization, ct).ConfigureAwait(false);
            if (answer.IsSuccess && answer.Body?["UserImportJob"] is JsonObject job && Text(job, "JobId") is { } jobId
                && Text(job, "Status") is { } status && Ended.Contains(status) && _landedJobs.Add(jobId))
            {
                await LandAsync(Text(job, "UserPoolId")!, jobId, ct).ConfigureAwait(false);
            }

            return answer.IsSuccess && answer.Body is JsonObject result ? WithAlreadyThere(answer, result) : answer;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _jobs.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
        _gate.Dispose();
    }

    private static string? Text(JsonNode? node, string name) =>
        (node as JsonObject)?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Gives the scripted endpoint the pool and its schema; false when cognito-local has no such pool (the scripted answer says so).</summary>
    private async Task<bool> ServeAsync(string poolId, CancellationToken ct)
    {
        var described = await Local("DescribeUserPool", new JsonObject { ["UserPoolId"] = poolId }, ct).ConfigureAwait(false);
        if (!described.IsSuccess)
        {
            return false;
        }

        _jobs.AddPool(poolId);
        var schema = (described.Body?["UserPool"]?["SchemaAttributes"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(a => Text(a, "Name") is not null)
            .Select(a => (
                Name: Text(a, "Name")!,
                DataType: Text(a, "AttributeDataType") ?? "String",
                Mutable: a["Mutable"] is not JsonValue m || !m.TryGetValue<bool>(out var mutable) || mutable,
                MaxLength: int.TryParse(Text(a["StringAttributeConstraints"], "MaxLength"), out var max) ? max : (int?)null))
            .ToList();
        _jobs.SetSchema(poolId, schema);
        return true;
    }

    /// <summary>Tells the scripted endpoint which usernames cognito-local holds now (users who signed in or were made meanwhile).</summary>
    private async Task MirrorAsync(string poolId, CancellationToken ct)
    {
        string? token = null;
        do
        {
            var request = new JsonObject { ["UserPoolId"] = poolId };
            if (token is not null)
            {
                request["PaginationToken"] = token;
            }

            var page = (await Local("ListUsers", request, ct).ConfigureAwait(false)).Ok("ListUsers");
            foreach (var username in (page["Users"] as JsonArray ?? []).Select(u => Text(u, "Username")).OfType<string>())
            {
                if (_jobs.FindUser(username, poolId) is null)
                {
                    _mirrored.Add((poolId, username));
                    _jobs.AddPoolUser(poolId, new FakeUser { Username = username, Password = string.Empty });
                }
            }

            token = Text(page, "PaginationToken");
        }
        while (token is not null);
    }

    /// <summary>Makes each user the job imported in cognito-local, RESET_REQUIRED, with the row's attributes (and a fresh sub).</summary>
    private async Task LandAsync(string poolId, string jobId, CancellationToken ct)
    {
        var imported = _jobs.Usernames(poolId).Where(u => !_mirrored.Contains((poolId, u))).ToList();
        string? clientId = null;
        foreach (var username in imported)
        {
            // From here on it is cognito-local's user: a later job finds it like any other.
            _mirrored.Add((poolId, username));
            var user = _jobs.FindUser(username, poolId)!;
            var exists = await Local("AdminGetUser", new JsonObject { ["UserPoolId"] = poolId, ["Username"] = username }, ct).ConfigureAwait(false);
            if (exists.IsSuccess)
            {
                // Signed in (migrated) between the job's start and its run: Cognito skips a row whose user exists.
                _alreadyThere[jobId] = _alreadyThere.GetValueOrDefault(jobId) + 1;
                continue;
            }

            clientId ??= await ClientAsync(poolId, ct).ConfigureAwait(false);
            var attributes = user.Attributes.Where(a => a.Key != "sub").ToList();
            var secret = Landing.Expect(poolId, username, attributes);
            var signIn = await Local("InitiateAuth", new JsonObject
            {
                ["AuthFlow"] = "USER_PASSWORD_AUTH",
                ["ClientId"] = clientId,
                ["AuthParameters"] = new JsonObject { ["USERNAME"] = username, ["PASSWORD"] = secret },
            }, ct).ConfigureAwait(false);
            if (Landing.Withdraw(poolId, username))
            {
                throw new InvalidOperationException(
                    $"import job {jobId}: cognito-local did not call its UserMigration trigger for an imported user (InitiateAuth answered "
                    + $"{signIn.ErrorType ?? "success"}); point its trigger at a UserMigrationTriggerProxy whose Landing is this import's.");
            }

            if (signIn.ErrorType != "PasswordResetRequiredException")
            {
                throw new InvalidOperationException($"import job {jobId}: cognito-local did not store an imported user as RESET_REQUIRED (InitiateAuth answered {signIn.ErrorType ?? "success"}).");
            }
        }
    }

    /// <summary>An app client of the pool to sign the imported users in with (the first one; one is made when there is none).</summary>
    private async Task<string> ClientAsync(string poolId, CancellationToken ct)
    {
        var clients = (await Local("ListUserPoolClients", new JsonObject { ["UserPoolId"] = poolId, ["MaxResults"] = 60 }, ct).ConfigureAwait(false)).Ok("ListUserPoolClients");
        if ((clients["UserPoolClients"] as JsonArray ?? []).Select(c => Text(c, "ClientId")).OfType<string>().FirstOrDefault() is { } existing)
        {
            return existing;
        }

        var made = (await Local("CreateUserPoolClient", new JsonObject { ["UserPoolId"] = poolId, ["ClientName"] = "user-import" }, ct).ConfigureAwait(false)).Ok("CreateUserPoolClient");
        return Text(made["UserPoolClient"], "ClientId") ?? throw new InvalidOperationException("cognito-local's CreateUserPoolClient answered no ClientId");
    }

    /// <summary>The job's counts with the rows whose user cognito-local already held moved from imported to skipped.</summary>
    private CognitoApiAnswer WithAlreadyThere(CognitoApiAnswer answer, JsonObject result)
    {
        var jobs = result["UserImportJob"] is JsonObject one ? [one] : (result["UserImportJobs"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var changed = false;
        foreach (var job in jobs)
        {
            if (Text(job, "JobId") is { } id && _alreadyThere.TryGetValue(id, out var moved))
            {
                job["ImportedUsers"] = job["ImportedUsers"]!.GetValue<long>() - moved;
                job["SkippedUsers"] = job["SkippedUsers"]!.GetValue<long>() + moved;
                changed = true;
            }
        }

        return changed ? answer with { Body = result } : answer;
    }

    private Task<CognitoApiAnswer> Local(string operation, JsonObject body, CancellationToken ct) =>
        CognitoApiCall.SendAsync(_http, _cognitoLocal, operation, body, ct);

    private async Task<CognitoApiAnswer> ForwardAsync(string operation, byte[] request, string? authorization, CancellationToken ct)
    {
        using var forward = new HttpRequestMessage(HttpMethod.Post, _jobs.Endpoint) { Content = new ByteArrayContent(request) };
        forward.Content.Headers.ContentType = new MediaTypeHeaderValue(AwsJson.ContentType);
        forward.Headers.Add("X-Amz-Target", CognitoApiCall.TargetPrefix + "." + operation);
        if (!string.IsNullOrEmpty(authorization))
        {
            forward.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _http.SendAsync(forward, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return CognitoApiCall.Parse((int)response.StatusCode, text, response.Headers.TryGetValues("X-Amzn-ErrorType", out var t) ? t.FirstOrDefault() : null);
    }
}
