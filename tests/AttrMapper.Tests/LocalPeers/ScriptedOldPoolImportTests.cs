using System.Text.Json.Nodes;
using AttrMapper.LocalPeers;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.LocalPeers;

/// <summary>The scripted pool's CSV user import, driven over HTTP as the sweep drives Cognito's and S3's.</summary>
public sealed class ScriptedOldPoolImportTests : IAsyncLifetime
{
    private const string OldPool = "eu-west-1_OldPool17";
    private const string NewPool = "eu-west-1_NewPool17";
    private const string Role = "arn:aws:iam::111122223333:role/import-logs";
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private readonly FakeTimeProvider _time = new(Start);
    private ScriptedOldPool _pool = null!;
    private CognitoWire _wire = null!;
    private List<string> _header = null!;

    public async Task InitializeAsync()
    {
        _pool = await ScriptedOldPool.StartAsync(OldPool, time: _time);
        _wire = new CognitoWire(_pool.Endpoint);
        _pool.AddPool(NewPool);
        _pool.SetSchema(NewPool, [("sub", "String", false, 2048), ("email", "String", true, 2048), ("custom:tenant_id", "String", true, 256), ("custom:pending_groups", "String", true, 2048)]);
        _pool.AddPoolUser(NewPool, new FakeUser { Username = "already", Password = "pw", Attributes = [new("email", "already@example.com")] });
        var header = await _wire.CallAsync("GetCSVHeader", new JsonObject { ["UserPoolId"] = NewPool });
        _header = [.. header.Body!["CSVHeader"]!.AsArray().Select(c => c!.GetValue<string>())];
    }

    public async Task DisposeAsync()
    {
        _wire.Dispose();
        await _pool.DisposeAsync();
    }

    private string Row(params (string Column, string Value)[] values) =>
        string.Join(",", _header.Select(c => values.FirstOrDefault(v => v.Column == c).Value ?? (c == "cognito:mfa_enabled" ? "false" : string.Empty)));

    private string Csv(params string[] rows) => string.Join("\n", [string.Join(",", _header), .. rows]) + "\n";

    private string User(string username, string email = "", string verified = "true", string extra = "") =>
        Row(("cognito:username", username), ("email", email.Length > 0 ? email : username + "@example.com"), ("email_verified", verified), ("custom:tenant_id", extra));

    private async Task<JsonObject> CreateAsync(string pool = NewPool)
    {
        var answer = await _wire.CallAsync("CreateUserImportJob", new JsonObject { ["JobName"] = "sweep-1", ["UserPoolId"] = pool, ["CloudWatchLogsRoleArn"] = Role });
        answer.Status.ShouldBe(200, answer.Text);
        return answer.Body!["UserImportJob"]!.AsObject();
    }

    private async Task<WireAnswer> CallJobAsync(string operation, JsonObject job) =>
        await _wire.CallAsync(operation, new JsonObject { ["UserPoolId"] = job["UserPoolId"]!.GetValue<string>(), ["JobId"] = job["JobId"]!.GetValue<string>() });

    /// <summary>Create, upload, start, then describe until the job ends; the statuses seen on the way.</summary>
    private async Task<(JsonObject Job, List<string> Statuses)> ImportAsync(string csv)
    {
        var job = await CreateAsync();
        var statuses = new List<string> { job["Status"]!.GetValue<string>() };
        (await _wire.PutAsync(job["PreSignedUrl"]!.GetValue<string>(), csv)).Status.ShouldBe(200);
        var started = await CallJobAsync("StartUserImportJob", job);
        started.Status.ShouldBe(200, started.Text);
        statuses.Add(started.Body!["UserImportJob"]!["Status"]!.GetValue<string>());
        for (var i = 0; i < 10 && statuses[^1] is "Pending" or "InProgress"; i++)
        {
            job = (await CallJobAsync("DescribeUserImportJob", job)).Body!["UserImportJob"]!.AsObject();
            statuses.Add(job["Status"]!.GetValue<string>());
        }

        return (job, statuses);
    }

    [Fact]
    public async Task GetCSVHeader_StandardColumnsThenCognitoThenCustom()
    {
        _header.ShouldBe(
        [
            "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website", "email",
            "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified", "address", "updated_at",
            "cognito:mfa_enabled", "cognito:username", "custom:tenant_id", "custom:pending_groups",
        ]);
    }

    [Fact]
    public async Task CreateUserImportJob_Created_ShapeAndLocalPreSignedUrl()
    {
        var job = await CreateAsync();

        job["JobName"]!.GetValue<string>().ShouldBe("sweep-1");
        job["JobId"]!.GetValue<string>().ShouldMatch("^import-[0-9a-zA-Z]{10}$");
        job["UserPoolId"]!.GetValue<string>().ShouldBe(NewPool);
        job["Status"]!.GetValue<string>().ShouldBe("Created");
        job["CreationDate"]!.GetValue<double>().ShouldBe(1.7e9);
        job["CloudWatchLogsRoleArn"]!.GetValue<string>().ShouldBe(Role);
        job["ImportedUsers"]!.GetValue<long>().ShouldBe(0);
        job["SkippedUsers"]!.GetValue<long>().ShouldBe(0);
        job["FailedUsers"]!.GetValue<long>().ShouldBe(0);
        var url = new Uri(job["PreSignedUrl"]!.GetValue<string>());
        url.GetLeftPart(UriPartial.Authority).ShouldBe(_pool.Endpoint.GetLeftPart(UriPartial.Authority));
        url.AbsolutePath.ShouldBe("/upload/" + job["JobId"]!.GetValue<string>());
        url.Query.ShouldContain("X-Amz-Signature=");
        url.Query.ShouldContain("X-Amz-Expires=900");
    }

    [Fact]
    public async Task CreateUserImportJob_NoLogsRole_InvalidParameter()
    {
        var answer = await _wire.CallAsync("CreateUserImportJob", new JsonObject { ["JobName"] = "sweep-1", ["UserPoolId"] = NewPool });

        answer.Status.ShouldBe(400);
        answer.Type.ShouldBe("InvalidParameterException");
        answer.Message!.ShouldContain("cloudWatchLogsRoleArn");
    }

    [Fact]
    public async Task Import_GoodRows_CreatedPendingInProgressSucceededAndResetRequiredUsers()
    {
        var (job, statuses) = await ImportAsync(Csv(User("ann", extra: "acme"), User("ben")));

        statuses.ShouldBe(["Created", "Pending", "InProgress", "Succeeded"]);
        job["ImportedUsers"]!.GetValue<long>().ShouldBe(2);
        job["SkippedUsers"]!.GetValue<long>().ShouldBe(0);
        job["FailedUsers"]!.GetValue<long>().ShouldBe(0);
        job["CompletionMessage"]!.GetValue<string>().ShouldBe("Import Job Completed Successfully.");
        job.ContainsKey("StartDate").ShouldBeTrue();
        job.ContainsKey("CompletionDate").ShouldBeTrue();
        var ann = await _wire.CallAsync("AdminGetUser", new JsonObject { ["UserPoolId"] = NewPool, ["Username"] = "ann" });
        ann.Body!["UserStatus"]!.GetValue<string>().ShouldBe("RESET_REQUIRED");
        ann.Body["Enabled"]!.GetValue<bool>().ShouldBeTrue();
        var attributes = ann.Body["UserAttributes"]!.AsArray().ToDictionary(a => a!["Name"]!.GetValue<string>(), a => a!["Value"]!.GetValue<string>());
        attributes["email"].ShouldBe("ann@example.com");
        attributes["email_verified"].ShouldBe("true");
        attributes["custom:tenant_id"].ShouldBe("acme");
        Guid.TryParse(attributes["sub"], out _).ShouldBeTrue();
        attributes.Keys.ShouldNotContain("cognito:username");
        attributes.Keys.ShouldNotContain("cognito:mfa_enabled");
        var signIn = await _wire.CallAsync("AdminInitiateAuth", new JsonObject { ["UserPoolId"] = OldPool, ["ClientId"] = "oldclient123", ["AuthFlow"] = "ADMIN_USER_PASSWORD_AUTH", ["AuthParameters"] = new JsonObject { ["USERNAME"] = "ann", ["PASSWORD"] = "x" } });
        signIn.Type.ShouldBe("UserNotFoundException");
    }

    [Fact]
    public async Task Import_SlowerPace_StatusHeldForThatManyDescribes()
    {
        _pool.Import.DescribesPerStatus = 2;

        var (_, statuses) = await ImportAsync(Csv(User("ann")));

        statuses.ShouldBe(["Created", "Pending", "Pending", "InProgress", "InProgress", "Succeeded"]);
    }

    [Fact]
    public async Task Import_EscapedAndQuotedValues_ReadAsTheImportDoes()
    {
        var (job, _) = await ImportAsync(Csv(
            Row(("cognito:username", "cat"), ("email", "cat@example.com"), ("email_verified", "true"), ("name", @"Smith\, Cat"), ("address", "\"1 Main St, \"\"Flat\"\" 2\"")),
            Row(("cognito:username", "dan"), ("email", "dan@example.com"), ("email_verified", "TRUE"), ("custom:tenant_id", @"back\\slash"))));

        job["ImportedUsers"]!.GetValue<long>().ShouldBe(2, string.Join("\n", _pool.ImportLog(job["JobId"]!.GetValue<string>())));
        var cat = _pool.FindUser("cat", NewPool)!.Attributes.ToDictionary(a => a.Key, a => a.Value);
        cat["name"].ShouldBe("Smith, Cat");
        cat["address"].ShouldBe("1 Main St, \"Flat\" 2");
        _pool.FindUser("dan", NewPool)!.Attributes.ShouldContain(new KeyValuePair<string, string>("custom:tenant_id", @"back\slash"));
    }

    [Theory]
    [InlineData("no-username")]
    [InlineData("mfa-maybe")]
    [InlineData("unverified")]
    [InlineData("no-contact")]
    [InlineData("mfa-without-phone")]
    [InlineData("unescaped-comma")]
    [InlineData("too-long")]
    public async Task Import_BadRow_FailedUserLoggedOthersImported(string problem)
    {
        _pool.Import.MaxCharactersPerRow = 400;
        var bad = problem switch
        {
            "no-username" => Row(("email", "x@example.com"), ("email_verified", "true")),
            "mfa-maybe" => Row(("cognito:username", "x"), ("email", "x@example.com"), ("email_verified", "true"), ("cognito:mfa_enabled", "maybe")),
            "unverified" => User("x", verified: "false"),
            "no-contact" => Row(("cognito:username", "x"), ("email_verified", "true")),
            "mfa-without-phone" => Row(("cognito:username", "x"), ("email", "x@example.com"), ("email_verified", "true"), ("cognito:mfa_enabled", "true")),
            "unescaped-comma" => Row(("cognito:username", "x"), ("email", "x@example.com"), ("email_verified", "true"), ("name", "Smith, X")),
            _ => User("x", extra: new string('a', 401)),
        };

        var (job, statuses) = await ImportAsync(Csv(User("ann"), bad));

        statuses[^1].ShouldBe("Succeeded");
        job["ImportedUsers"]!.GetValue<long>().ShouldBe(1);
        job["FailedUsers"]!.GetValue<long>().ShouldBe(1);
        _pool.ImportLog(job["JobId"]!.GetValue<string>()).ShouldHaveSingleItem().ShouldStartWith("[ERROR] Line Number 3 - ");
        _pool.FindUser("x", NewPool).ShouldBeNull();
    }

    [Fact]
    public async Task Import_ExistingOrRepeatedUsername_Skipped()
    {
        var (job, _) = await ImportAsync(Csv(User("already", email: "other@example.com"), User("ann"), User("ann", email: "ann2@example.com")));

        job["ImportedUsers"]!.GetValue<long>().ShouldBe(1);
        job["SkippedUsers"]!.GetValue<long>().ShouldBe(2);
        _pool.FindUser("already", NewPool)!.Attributes.ShouldBe([new("email", "already@example.com")]);
        _pool.FindUser("ann", NewPool)!.Attributes.ShouldContain(new KeyValuePair<string, string>("email", "ann@example.com"));
        _pool.ImportLog(job["JobId"]!.GetValue<string>()).ShouldAllBe(l => l.StartsWith("[SKIPPED]"));
    }

    [Fact]
    public async Task Import_EveryRowFails_JobFailed()
    {
        var (job, statuses) = await ImportAsync(Csv(User("x", verified: "false")));

        statuses[^1].ShouldBe("Failed");
        job["FailedUsers"]!.GetValue<long>().ShouldBe(1);
        job["CompletionMessage"]!.GetValue<string>().ShouldBe("Too many users have failed or been skipped during the import.");
    }

    [Theory]
    [InlineData("header-order")]
    [InlineData("header-missing-column")]
    [InlineData("too-many-users")]
    [InlineData("too-many-bytes")]
    public async Task Import_BadFile_JobFailedNobodyImported(string problem)
    {
        _pool.Import.MaxUsersPerFile = 2;
        _pool.Import.MaxBytesPerFile = 2_000;
        var csv = problem switch
        {
            "header-order" => string.Join(",", _header.Reverse<string>()) + "\n" + User("ann") + "\n",
            "header-missing-column" => string.Join(",", _header.Take(_header.Count - 1)) + "\n" + User("ann") + "\n",
            "too-many-users" => Csv(User("ann"), User("ben"), User("cat")),
            _ => Csv([.. Enumerable.Range(0, 2).Select(i => User("u" + i, extra: new string('a', 1_000)))]),
        };

        var (job, statuses) = await ImportAsync(csv);

        statuses.ShouldBe(["Created", "Pending", "InProgress", "Failed"]);
        job["ImportedUsers"]!.GetValue<long>().ShouldBe(0);
        job["CompletionMessage"]!.GetValue<string>().ShouldNotBeEmpty();
        _pool.FindUser("ann", NewPool).ShouldBeNull();
    }

    [Fact]
    public async Task Upload_WithoutEncryptionHeader_403SignatureDoesNotMatchAndNoFile()
    {
        var job = await CreateAsync();

        var (status, body) = await _wire.PutAsync(job["PreSignedUrl"]!.GetValue<string>(), Csv(User("ann")), withEncryptionHeader: false);
        var start = await CallJobAsync("StartUserImportJob", job);

        status.ShouldBe(403);
        body.ShouldStartWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        body.ShouldContain("<Error><Code>SignatureDoesNotMatch</Code>");
        body.ShouldContain("<RequestId>");
        _pool.UploadedFile(job["JobId"]!.GetValue<string>()).ShouldBeNull();
        start.Type.ShouldBe("PreconditionNotMetException");
    }

    [Fact]
    public async Task Upload_TamperedSignature_403()
    {
        var job = await CreateAsync();

        var (status, body) = await _wire.PutAsync(job["PreSignedUrl"]!.GetValue<string>() + "00", Csv(User("ann")));

        status.ShouldBe(403);
        body.ShouldContain("<Code>SignatureDoesNotMatch</Code>");
    }

    [Fact]
    public async Task Upload_After15Minutes_403RequestHasExpired()
    {
        var job = await CreateAsync();
        _time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var (status, body) = await _wire.PutAsync(job["PreSignedUrl"]!.GetValue<string>(), Csv(User("ann")));

        status.ShouldBe(403);
        body.ShouldContain("<Code>AccessDenied</Code><Message>Request has expired</Message>");
    }

    [Fact]
    public async Task Upload_Scripted_FailsThenRecordedAsPutObject()
    {
        _pool.Script(ScriptedOldPool.UploadOperation, null, ScriptedAnswer.Raw(503, "<Error><Code>SlowDown</Code></Error>", "application/xml"), ScriptedAnswer.FromUsers);
        var job = await CreateAsync();

        var first = await _wire.PutAsync(job["PreSignedUrl"]!.GetValue<string>(), Csv(User("ann")));
        var second = await _wire.PutAsync(job["PreSignedUrl"]!.GetValue<string>(), Csv(User("ann")));

        first.Status.ShouldBe(503);
        second.Status.ShouldBe(200);
        _pool.CallCount(ScriptedOldPool.UploadOperation).ShouldBe(2);
    }

    [Fact]
    public async Task StartUserImportJob_AnotherJobRunning_RefusedUntilItEnds()
    {
        var first = await CreateAsync();
        var second = await CreateAsync();
        (await _wire.PutAsync(first["PreSignedUrl"]!.GetValue<string>(), Csv(User("ann")))).Status.ShouldBe(200);
        (await _wire.PutAsync(second["PreSignedUrl"]!.GetValue<string>(), Csv(User("ben")))).Status.ShouldBe(200);
        (await CallJobAsync("StartUserImportJob", first)).Status.ShouldBe(200);

        var refused = await CallJobAsync("StartUserImportJob", second);
        await CallJobAsync("DescribeUserImportJob", first);
        var done = await CallJobAsync("DescribeUserImportJob", first);
        var accepted = await CallJobAsync("StartUserImportJob", second);
        var again = await CallJobAsync("StartUserImportJob", first);

        refused.Status.ShouldBe(400);
        refused.Type.ShouldBe("PreconditionNotMetException");
        done.Body!["UserImportJob"]!["Status"]!.GetValue<string>().ShouldBe("Succeeded");
        accepted.Body!["UserImportJob"]!["Status"]!.GetValue<string>().ShouldBe("Pending");
        again.Type.ShouldBe("PreconditionNotMetException");
    }

    [Fact]
    public async Task StopUserImportJob_Running_StoppingThenStoppedNobodyImported()
    {
        var job = await CreateAsync();
        (await _wire.PutAsync(job["PreSignedUrl"]!.GetValue<string>(), Csv(User("ann")))).Status.ShouldBe(200);
        await CallJobAsync("StartUserImportJob", job);

        var stopping = await CallJobAsync("StopUserImportJob", job);
        var stopped = await CallJobAsync("DescribeUserImportJob", job);

        stopping.Body!["UserImportJob"]!["Status"]!.GetValue<string>().ShouldBe("Stopping");
        stopped.Body!["UserImportJob"]!["Status"]!.GetValue<string>().ShouldBe("Stopped");
        _pool.FindUser("ann", NewPool).ShouldBeNull();
    }

    [Fact]
    public async Task DescribeAndList_UnknownJobOrOtherPool_ResourceNotFoundListsOwnJobs()
    {
        var job = await CreateAsync();
        await CreateAsync(OldPool);

        var unknown = await _wire.CallAsync("DescribeUserImportJob", new JsonObject { ["UserPoolId"] = NewPool, ["JobId"] = "import-Nope" });
        var wrongPool = await _wire.CallAsync("DescribeUserImportJob", new JsonObject { ["UserPoolId"] = OldPool, ["JobId"] = job["JobId"]!.GetValue<string>() });
        var list = await _wire.CallAsync("ListUserImportJobs", new JsonObject { ["UserPoolId"] = NewPool, ["MaxResults"] = 60 });

        unknown.Type.ShouldBe("ResourceNotFoundException");
        wrongPool.Type.ShouldBe("ResourceNotFoundException");
        list.Body!["UserImportJobs"]!.AsArray().Select(j => j!["JobId"]!.GetValue<string>()).ShouldBe([job["JobId"]!.GetValue<string>()]);
    }
}
