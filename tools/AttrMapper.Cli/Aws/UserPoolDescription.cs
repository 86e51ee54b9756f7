namespace AttrMapper.Cli.Aws;

/// <summary>What DescribeUserPool says about a pool's attributes, enough for the CLI to check a map's targets against it.</summary>
/// <param name="UsernameAttributes">email and/or phone_number when the pool uses them as the username; empty otherwise.</param>
/// <param name="EstimatedNumberOfUsers">Cognito's own estimate, when it gives one (used only to scale a progress bar).</param>
/// <param name="HasPreTokenGeneration">The pool has a pre token generation trigger (LambdaConfig), which can rewrite ID token claims.</param>
internal sealed record UserPoolDescription(
    string Id,
    string? Name,
    IReadOnlyList<SchemaAttribute> Attributes,
    IReadOnlyList<string>? UsernameAttributes = null,
    long? EstimatedNumberOfUsers = null,
    bool HasPreTokenGeneration = false);

/// <summary>One schema attribute; custom ones are named <c>custom:…</c>. <c>MaxLength</c> is for String attributes.</summary>
internal sealed record SchemaAttribute(string Name, string? DataType, bool Mutable, int? MaxLength, bool Required = false);
