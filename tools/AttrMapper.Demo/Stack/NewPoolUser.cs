namespace AttrMapper.Demo.Stack;

/// <summary>A user as the new pool's AdminGetUser reports it.</summary>
public sealed record NewPoolUser(string Username, string Status, bool Enabled, IReadOnlyDictionary<string, string> Attributes);
