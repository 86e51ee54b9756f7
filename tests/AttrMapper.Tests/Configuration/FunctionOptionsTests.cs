using AttrMapper.Configuration;

namespace AttrMapper.Tests.Configuration;

public sealed class FunctionOptionsTests
{
    private static Dictionary<string, string> Minimal() => new()
    {
        ["OLD_USER_POOL_ID"] = "eu-west-1_AbC123",
        ["OLD_CLIENT_ID"] = "5example0oldpoolclient0",
        ["MAP_PARAMETER_NAME"] = "/attrmapper/map",
    };

    [Fact]
    public void FromVariables_Minimal_AppliesDocumentedDefaults()
    {
        var options = FunctionOptions.FromVariables(Minimal());

        options.OldPoolRegion.ShouldBe("eu-west-1");
        options.MapCacheTtl.ShouldBe(TimeSpan.FromSeconds(60));
        options.MigrationDeadline.ShouldBe(TimeSpan.FromMilliseconds(4000));
        options.AliasLookup.ShouldBe(AliasAttributes.None);
        options.LogUsernames.ShouldBeFalse();
        options.NewUserPoolId.ShouldBeNull();
        options.OldClientSecretParameter.ShouldBeNull();
    }

    [Theory]
    [InlineData("OLD_USER_POOL_ID", null)]
    [InlineData("OLD_USER_POOL_ID", "not-a-pool")]
    [InlineData("OLD_CLIENT_ID", null)]
    [InlineData("OLD_CLIENT_ID", "has spaces")]
    [InlineData("MAP_PARAMETER_NAME", null)]
    [InlineData("MAP_PARAMETER_NAME", "bad name!")]
    [InlineData("MAP_CACHE_TTL_SECONDS", "-1")]
    [InlineData("MAP_CACHE_TTL_SECONDS", "sixty")]
    [InlineData("MIGRATION_DEADLINE_MS", "5000")]
    [InlineData("MIGRATION_DEADLINE_MS", "50")]
    [InlineData("ALIAS_LOOKUP", "username")]
    [InlineData("ALIAS_LOOKUP", "off,email")]
    [InlineData("LOG_USERNAMES", "yes")]
    [InlineData("NEW_USER_POOL_ID", "NotAPoolId")]
    [InlineData("OLD_POOL_ROLE_ARN", "arn:aws:iam::123:role/x")]
    [InlineData("OLD_POOL_EXTERNAL_ID", "ext-id-without-role")]
    [InlineData("OLD_CLIENT_SECRET_PARAMETER", "no spaces allowed")]
    [InlineData("KEY_PARAMETER", "bad name!")]
    [InlineData("AWS_REGION", "Europe West")]
    [InlineData("AWS_REGION", "westeurope")]
    [InlineData("AWS_ENDPOINT_URL", "ftp://bad")]
    [InlineData("AWS_ENDPOINT_URL", "not a url")]
    [InlineData("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "ftp://bad")]
    [InlineData("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "/relative/path")]
    [InlineData("AWS_ENDPOINT_URL_SSM", "ftp://bad")]
    [InlineData("AWS_ENDPOINT_URL_SSM", "http//missing-colon")]
    [InlineData("AWS_ENDPOINT_URL_STS", "file:///etc/passwd")]
    public void FromVariables_BadSetting_FailsNamingTheVariable(string variable, string? value)
    {
        var env = Minimal();
        if (value is null)
        {
            env.Remove(variable);
        }
        else
        {
            env[variable] = value;
        }

        var error = Should.Throw<ConfigurationException>(() => FunctionOptions.FromVariables(env));

        error.Variable.ShouldBe(variable);
        error.Message.ShouldStartWith(variable);
        if (value is { Length: > 3 })
        {
            error.Message.ShouldNotContain(value);
        }
    }

    [Theory]
    [InlineData("off", false, false)]
    [InlineData("email", true, false)]
    [InlineData("phone_number", false, true)]
    [InlineData("email,phone_number", true, true)]
    [InlineData(" phone_number , email ", true, true)]
    public void FromVariables_AliasLookup_ParsesEveryDocumentedForm(string value, bool email, bool phone)
    {
        var env = Minimal();
        env["ALIAS_LOOKUP"] = value;

        var alias = FunctionOptions.FromVariables(env).AliasLookup;

        alias.HasFlag(AliasAttributes.Email).ShouldBe(email);
        alias.HasFlag(AliasAttributes.PhoneNumber).ShouldBe(phone);
    }

    [Fact]
    public void FromVariables_EverySetting_IsRead()
    {
        var env = Minimal();
        env["OLD_CLIENT_SECRET_PARAMETER"] = "/attrmapper/old-client-secret";
        env["OLD_POOL_ROLE_ARN"] = "arn:aws:iam::123456789012:role/old-pool-reader";
        env["OLD_POOL_EXTERNAL_ID"] = "shared-ext-id";
        env["MAP_CACHE_TTL_SECONDS"] = "0";
        env["NEW_USER_POOL_ID"] = "eu-west-1_NewPool01";
        env["MIGRATION_DEADLINE_MS"] = "3000";
        env["LOG_USERNAMES"] = "TRUE";

        var options = FunctionOptions.FromVariables(env);

        options.OldClientSecretParameter.ShouldBe("/attrmapper/old-client-secret");
        options.OldPoolRoleArn.ShouldBe("arn:aws:iam::123456789012:role/old-pool-reader");
        options.OldPoolExternalId.ShouldBe("shared-ext-id");
        options.MapCacheTtl.ShouldBe(TimeSpan.Zero);
        options.NewUserPoolId.ShouldBe("eu-west-1_NewPool01");
        options.MigrationDeadline.ShouldBe(TimeSpan.FromSeconds(3));
        options.LogUsernames.ShouldBeTrue();
    }

    [Fact]
    public void FromVariables_KeyParameter_IsKeptAndAbsentByDefault()
    {
        FunctionOptions.FromVariables(Minimal()).KeyParameter.ShouldBeNull();

        var env = Minimal();
        env["KEY_PARAMETER"] = "/attrmapper/function-key";

        FunctionOptions.FromVariables(env).KeyParameter.ShouldBe("/attrmapper/function-key");
    }

    [Fact]
    public void FromVariables_LogHashKeySet_IsNoLongerASetting()
    {
        var env = Minimal();
        env["LOG_HASH_KEY"] = "anything at all, it is ignored now";

        Should.NotThrow(() => FunctionOptions.FromVariables(env));
    }

    [Fact]
    public void FromVariables_NoRegionNorEndpoints_RegionalEndpointsOfThePoolsRegion()
    {
        var options = FunctionOptions.FromVariables(Minimal());

        options.AwsRegion.ShouldBeNull();
        options.Region.ShouldBe("eu-west-1");
        options.CognitoEndpoint.ShouldBeNull();
        options.SsmEndpoint.ShouldBeNull();
        options.StsEndpoint.ShouldBeNull();
        options.OldPoolEndpoint.ShouldBe(new Uri("https://cognito-idp.eu-west-1.amazonaws.com/"));
    }

    [Fact]
    public void FromVariables_AwsRegion_IsTheFunctionsRegionNotTheOldPools()
    {
        var env = Minimal();
        env["AWS_REGION"] = "us-east-2";

        var options = FunctionOptions.FromVariables(env);

        options.Region.ShouldBe("us-east-2");
        options.OldPoolRegion.ShouldBe("eu-west-1");
        options.OldPoolEndpoint.ShouldBe(new Uri("https://cognito-idp.eu-west-1.amazonaws.com/"));
    }

    [Fact]
    public void FromVariables_GlobalEndpoint_AppliesToEveryServiceWithoutItsOwn()
    {
        var env = Minimal();
        env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566";
        env["AWS_ENDPOINT_URL_SSM"] = " http://127.0.0.1:7000/ ";

        var options = FunctionOptions.FromVariables(env);

        options.CognitoEndpoint.ShouldBe(new Uri("http://127.0.0.1:4566/"));
        options.OldPoolEndpoint.ShouldBe(new Uri("http://127.0.0.1:4566/"));
        options.StsEndpoint.ShouldBe(new Uri("http://127.0.0.1:4566/"));
        options.SsmEndpoint.ShouldBe(new Uri("http://127.0.0.1:7000/"));
    }

    [Fact]
    public void FromVariables_BadGlobalEndpointHiddenByEveryServiceOverride_StillFailsNamingIt()
    {
        var env = Minimal();
        env["AWS_ENDPOINT_URL"] = "ftp://bad";
        env["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = "http://127.0.0.1:1/";
        env["AWS_ENDPOINT_URL_SSM"] = "http://127.0.0.1:2/";
        env["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:3/";

        Should.Throw<ConfigurationException>(() => FunctionOptions.FromVariables(env)).Variable.ShouldBe("AWS_ENDPOINT_URL");
    }
}
