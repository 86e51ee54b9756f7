namespace AttrMapper.Cli.Aws;

// The Cognito Identity Provider JSON 1.1 shapes only the CLI uses; unknown response fields are ignored.

/// <summary>ListUsers without a filter, paged (the function's own ListUsers always filters).</summary>
internal sealed class ListAllUsersRequest
{
    public required string UserPoolId { get; init; }

    public required int Limit { get; init; }

    public string? PaginationToken { get; init; }
}

internal sealed class ListedAttributeWire
{
    public string? Name { get; init; }

    public string? Value { get; init; }
}

internal sealed class ListedUserWire
{
    public string? Username { get; init; }

    public bool? Enabled { get; init; }

    public string? UserStatus { get; init; }

    public List<ListedAttributeWire>? Attributes { get; init; }
}

internal sealed class ListAllUsersResponse
{
    public List<ListedUserWire>? Users { get; init; }

    public string? PaginationToken { get; init; }
}

internal sealed class DescribeUserPoolRequest
{
    public required string UserPoolId { get; init; }
}

internal sealed class StringConstraintsWire
{
    public string? MinLength { get; init; }

    public string? MaxLength { get; init; }
}

internal sealed class SchemaAttributeWire
{
    public string? Name { get; init; }

    public string? AttributeDataType { get; init; }

    public bool? Mutable { get; init; }

    public bool? Required { get; init; }

    public StringConstraintsWire? StringAttributeConstraints { get; init; }
}

internal sealed class UserPoolWire
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public List<SchemaAttributeWire>? SchemaAttributes { get; init; }

    /// <summary>email and/or phone_number when the pool signs users in by those instead of a username.</summary>
    public List<string>? UsernameAttributes { get; init; }

    public long? EstimatedNumberOfUsers { get; init; }

    public LambdaConfigWire? LambdaConfig { get; init; }
}

/// <summary>The pool's triggers; only the pre token generation one matters here (it can rewrite an ID token's claims).</summary>
internal sealed class LambdaConfigWire
{
    public string? PreTokenGeneration { get; init; }

    public PreTokenGenerationConfigWire? PreTokenGenerationConfig { get; init; }
}

internal sealed class PreTokenGenerationConfigWire
{
    public string? LambdaArn { get; init; }
}

internal sealed class DescribeUserPoolClientRequest
{
    public required string UserPoolId { get; init; }

    public required string ClientId { get; init; }
}

internal sealed class UserPoolClientWire
{
    public string? ClientId { get; init; }

    /// <summary>Absent when the client may read every readable attribute.</summary>
    public List<string>? ReadAttributes { get; init; }
}

internal sealed class DescribeUserPoolClientResponse
{
    public UserPoolClientWire? UserPoolClient { get; init; }
}

internal sealed class DescribeUserPoolResponse
{
    public UserPoolWire? UserPool { get; init; }
}
