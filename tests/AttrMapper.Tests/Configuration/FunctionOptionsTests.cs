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
    [InlineData("LOG_HASH_KEY", "too-short-to-be-a-secret")]
    [InlineData("LOG_HASH_KEY", "a key with spaces that is long enough to pass")]
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
    public void FromVariables_LogHashKey_IsKeptAndAbsentByDefault()
    {
        FunctionOptions.FromVariables(Minimal()).LogHashKey.ShouldBeNull();

        var env = Minimal();
        env["LOG_HASH_KEY"] = "k3y-0f-at-least-thirty-two-characters!";

        FunctionOptions.FromVariables(env).LogHashKey.ShouldBe("k3y-0f-at-least-thirty-two-characters!");
    }
}
