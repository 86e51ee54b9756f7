namespace AttrMapper.Cognito;

/// <summary>What DescribeUserPool says about a pool's attributes, enough for the CLI to check a map's targets against it.</summary>
internal sealed record UserPoolDescription(string Id, string? Name, IReadOnlyList<SchemaAttribute> Attributes);

/// <summary>One schema attribute; custom ones are named <c>custom:…</c>. <c>MaxLength</c> is for String attributes.</summary>
internal sealed record SchemaAttribute(string Name, string? DataType, bool Mutable, int? MaxLength);
