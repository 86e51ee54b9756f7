using System.Text.Json.Nodes;
using AttrMapper.LocalPeers.CognitoLocal;

namespace AttrMapper.Tests.LocalPeers;

/// <summary>
/// The user import served for a cognito-local pool by <see cref="CognitoFidelityProxy"/> with a <see cref="CognitoLocalUserImport"/>,
/// driven over HTTP as the sweep drives Cognito's and S3's; what a user checks is what cognito-local then holds.
/// </summary>
public sealed class CognitoLocalUserImportTests(CognitoLocalImportFixture pool) : IClassFixture<CognitoLocalImportFixture>, IAsyncLifetime
{
    private const string Role = "arn:aws:iam::111122223333:role/import-logs";
    private const string Pool = CognitoLocalImportFixture.PoolId;
    private CognitoWire _wire = null!;
    private List<string> _header = null!;

    public async Task InitializeAsync()
    {
        _wire = new CognitoWire(pool.Proxy.Endpoint);
        var header = await _wire.CallAsync("GetCSVHeader", new JsonObject { ["UserPoolId"] = Pool });
        header.Status.ShouldBe(200, header.Text);
        _header = [.. header.Body!["CSVHeader"]!.AsArray().Select(c => c!.GetValue<string>())];
    }

    public Task DisposeAsync()
    {
        _wire.Dispose();
        return Task.CompletedTask;
    }

    private string Row(params (string Column, string Value)[] values) =>
        string.Join(",", _header.Select(c => values.FirstOrDefault(v => v.Column == c).Value ?? (c == "cognito:mfa_enabled" ? "false" : string.Empty)));

    private string Csv(params string[] rows) => string.Join("\n", [string.Join(",", _header), .. rows]) + "\n";

    private string User(string username, string verified = "true", string tenant = "") =>
        Row(("cognito:username", username), ("email", username + "@example.com"), ("email_verified", verified), ("given_name", username.ToUpperInvariant()), ("custom:tenant_id", tenant));

    private async Task<JsonObject> CreateAsync()
    {
        var answer = await _wire.CallAsync("CreateUserImportJob", new JsonObject { ["JobName"] = "sweep-1", ["UserPoolId"] = Pool, ["CloudWatchLogsRoleArn"] = Role });
        answer.Status.ShouldBe(200, answer.Text);
        return answer.Body!["UserImportJob"]!.AsObject();
    }

    private Task<WireAnswer> CallJobAsync(string operation, JsonObject job) =>
        _wire.CallAsync(operation, new JsonObject { ["UserPoolId"] = Pool, ["JobId"] = job["JobId"]!.GetValue<string>() });

    private async Task<JsonObject> StartAsync(string csv)
    {
        var job = await CreateAsync();
        (await _wire.PutAsync(job["PreSignedUrl"]!.GetValue<string>(), csv)).Status.ShouldBe(200);
        var started = await CallJobAsync("StartUserImportJob", job);
        started.Status.ShouldBe(200, started.Text);
        return started.Body!["UserImportJob"]!.AsObject();
    }

    /// <summary>Describes the job until it ends; the statuses seen, and the last answer.</summary>
    private async Task<(JsonObject Job, List<string> Statuses)> FollowAsync(JsonObject job)
    {
        var statuses = new List<string> { job["Status"]!.GetValue<string>() };
        for (var i = 0; i < 10 && statuses[^1] is "Pending" or "InProgress"; i++)
        {
            var described = await CallJobAsync("DescribeUserImportJob", job);
            described.Status.ShouldBe(200, described.Text);
            job = described.Body!["UserImportJob"]!.AsObject();
            statuses.Add(job["Status"]!.GetValue<string>());
        }

        return (job, statuses);
    }

    private Task<WireAnswer> SignInAsync(string username, string password) => _wire.CallAsync("InitiateAuth", new JsonObject
    {
        ["AuthFlow"] = "USER_PASSWORD_AUTH",
        ["ClientId"] = pool.ClientId,
        ["AuthParameters"] = new JsonObject { ["USERNAME"] = username, ["PASSWORD"] = password },
    });

    [Fact]
    public void GetCSVHeader_CognitosColumnsThenThePoolsCustomAttributes()
    {
        // fixtures/cognito-answers.md, "User import": the header of a pool whose one custom attribute is custom:tenant_id.
        _header.ShouldBe(
        [
            "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website", "email",
            "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified", "address", "updated_at",
            "cognito:mfa_enabled", "cognito:username", "custom:tenant_id",
        ]);
    }

    [Fact]
    public async Task GetCSVHeader_PoolCognitoLocalDoesNotHold_ResourceNotFound()
    {
        var answer = await _wire.CallAsync("GetCSVHeader", new JsonObject { ["UserPoolId"] = "eu-west-1_NoSuchPool" });

        answer.Status.ShouldBe(400);
        answer.Type.ShouldBe("ResourceNotFoundException");
    }

    [Fact]
    public async Task CreateUserImportJob_NoLogsRole_InvalidParameterAsCognitoAnswers()
    {
        var answer = await _wire.CallAsync("CreateUserImportJob", new JsonObject { ["JobName"] = "sweep-1", ["UserPoolId"] = Pool });

        answer.Status.ShouldBe(400);
        answer.Type.ShouldBe("InvalidParameterException");
        answer.ErrorTypeHeader.ShouldStartWith("InvalidParameterException");
        answer.Message!.ShouldContain("cloudWatchLogsRoleArn");
    }

    [Fact]
    public async Task Import_GoodRows_MovesThroughItsStatusesAndCognitoLocalHoldsResetRequiredUsers()
    {
        var job = await CreateAsync();
        job["Status"]!.GetValue<string>().ShouldBe("Created");
        new Uri(job["PreSignedUrl"]!.GetValue<string>()).Authority.ShouldBe(pool.Import.UploadEndpoint.Authority);

        var (done, statuses) = await FollowAsync(await StartAsyncFrom(job, Csv(User("ivy", tenant: "acme"), User("jon"))));

        statuses.ShouldBe(["Pending", "InProgress", "Succeeded"]);
        done["ImportedUsers"]!.GetValue<long>().ShouldBe(2);
        done["FailedUsers"]!.GetValue<long>().ShouldBe(0);
        var ivy = (await pool.StoredAsync("ivy")).ShouldNotBeNull();
        ivy.Status.ShouldBe("RESET_REQUIRED");
        ivy.Attributes["email"].ShouldBe("ivy@example.com");
        ivy.Attributes["email_verified"].ShouldBe("true");
        ivy.Attributes["given_name"].ShouldBe("IVY");
        ivy.Attributes["custom:tenant_id"].ShouldBe("acme");
        Guid.TryParse(ivy.Attributes["sub"], out _).ShouldBeTrue();
        ivy.Attributes.Keys.ShouldNotContain("cognito:mfa_enabled");
        (await pool.StoredAsync("jon")).ShouldNotBeNull().Status.ShouldBe("RESET_REQUIRED");

        // Through the proxy, as the app sees it: the attribute cognito-local names the user by is not there.
        var seen = await _wire.CallAsync("AdminGetUser", new JsonObject { ["UserPoolId"] = Pool, ["Username"] = "ivy" });
        seen.Body!["UserStatus"]!.GetValue<string>().ShouldBe("RESET_REQUIRED");
        seen.Body["UserAttributes"]!.AsArray().Select(a => a!["Name"]!.GetValue<string>()).ShouldNotContain(CognitoFidelityProxy.UsernamePseudoAttribute);
    }

    [Fact]
    public async Task Import_RowsFailingTheDocumentedChecks_FailedAndNotInCognitoLocal()
    {
        var csv = Csv(
            User("kim"),
            User("lou", verified: "false"),
            Row(("email", "nobody@example.com"), ("email_verified", "true")),
            Row(("cognito:username", "max"), ("email", "max@example.com"), ("email_verified", "true"), ("cognito:mfa_enabled", "maybe")));

        var (done, _) = await FollowAsync(await StartAsync(csv));

        done["Status"]!.GetValue<string>().ShouldBe("Succeeded");
        done["ImportedUsers"]!.GetValue<long>().ShouldBe(1);
        done["FailedUsers"]!.GetValue<long>().ShouldBe(3);
        (await pool.StoredAsync("kim")).ShouldNotBeNull();
        (await pool.StoredAsync("lou")).ShouldBeNull();
        (await pool.StoredAsync("max")).ShouldBeNull();
        var log = pool.Import.ImportLog(done["JobId"]!.GetValue<string>());
        log.Count.ShouldBe(3);
        log.ShouldAllBe(line => line.StartsWith("[ERROR] Line Number ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_UserCognitoLocalAlreadyHolds_SkippedAndLeftAsItWas()
    {
        await pool.Local.CreateUserAsync(Pool, "nia", "Nia-Passw0rd!", [new("email", "nia@example.com"), new("email_verified", "true")]);

        var (done, _) = await FollowAsync(await StartAsync(Csv(User("nia", tenant: "imported"), User("oli"))));

        done["ImportedUsers"]!.GetValue<long>().ShouldBe(1);
        done["SkippedUsers"]!.GetValue<long>().ShouldBe(1);
        var nia = (await pool.StoredAsync("nia")).ShouldNotBeNull();
        nia.Status.ShouldBe("CONFIRMED");
        nia.Attributes.Keys.ShouldNotContain("custom:tenant_id");
        (await SignInAsync("nia", "Nia-Passw0rd!")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task Import_UserSignsInAfterTheJobStarted_SkippedNotImportedTwice()
    {
        var started = await StartAsync(Csv(User("pam"), User("quin")));
        await pool.Local.CreateUserAsync(Pool, "pam", "Pam-Passw0rd!", [new("email", "pam@example.com"), new("email_verified", "true")]);

        var (done, _) = await FollowAsync(started);

        done["ImportedUsers"]!.GetValue<long>().ShouldBe(1);
        done["SkippedUsers"]!.GetValue<long>().ShouldBe(1);
        (await pool.StoredAsync("pam")).ShouldNotBeNull().Status.ShouldBe("CONFIRMED");
        (await pool.StoredAsync("quin")).ShouldNotBeNull().Status.ShouldBe("RESET_REQUIRED");
    }

    [Fact]
    public async Task ImportedUser_SignsInWithAPassword_PasswordResetRequiredAndTheTriggerIsNotCalled()
    {
        await FollowAsync(await StartAsync(Csv(User("rae"))));
        var invocations = pool.Trigger.Invocations;

        var signIn = await SignInAsync("rae", "Whatever-Passw0rd!");

        signIn.Status.ShouldBe(400);
        signIn.Type.ShouldBe("PasswordResetRequiredException");
        pool.Trigger.Invocations.ShouldBe(invocations);
        (await pool.StoredAsync("rae")).ShouldNotBeNull().Status.ShouldBe("RESET_REQUIRED");
    }

    [Fact]
    public async Task ImportedUser_ForgotPasswordThenConfirm_SignsInWithTheNewPassword()
    {
        await FollowAsync(await StartAsync(Csv(User("sam", tenant: "globex"))));

        var forgot = await _wire.CallAsync("ForgotPassword", new JsonObject { ["ClientId"] = pool.ClientId, ["Username"] = "sam" });
        forgot.Status.ShouldBe(200, forgot.Text);
        var code = await pool.Local.ConfirmationCodeAsync(Pool, "sam");
        code.ShouldNotBeNull();
        var confirm = await _wire.CallAsync("ConfirmForgotPassword", new JsonObject
        {
            ["ClientId"] = pool.ClientId,
            ["Username"] = "sam",
            ["ConfirmationCode"] = code,
            ["Password"] = "Sam-New-Passw0rd!",
        });
        confirm.Status.ShouldBe(200, confirm.Text);
        var signIn = await SignInAsync("sam", "Sam-New-Passw0rd!");

        signIn.Status.ShouldBe(200, signIn.Text);
        signIn.Body!["AuthenticationResult"]!["AccessToken"].ShouldNotBeNull();
        var sam = (await pool.StoredAsync("sam")).ShouldNotBeNull();
        sam.Status.ShouldBe("CONFIRMED");
        sam.Attributes["custom:tenant_id"].ShouldBe("globex");
    }

    private async Task<JsonObject> StartAsyncFrom(JsonObject job, string csv)
    {
        (await _wire.PutAsync(job["PreSignedUrl"]!.GetValue<string>(), csv)).Status.ShouldBe(200);
        var started = await CallJobAsync("StartUserImportJob", job);
        started.Status.ShouldBe(200, started.Text);
        return started.Body!["UserImportJob"]!.AsObject();
    }
}
