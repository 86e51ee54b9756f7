namespace AttrMapper.Cli.Maps;

/// <summary>One difference: a rule (described like <c>rename custom:tenant -> custom:tenant_id</c>) or a setting path.</summary>
internal sealed record MapChange(ChangeKind Kind, string Subject, string? Before, string? After);
