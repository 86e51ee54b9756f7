namespace AttrMapper.Cognito;

/// <summary>A user of the old pool with its attributes (name, value), as Cognito listed them.</summary>
public sealed record OldUser(string Username, bool Enabled, string UserStatus, IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    // Attribute values are user data: keep them out of every ToString (logs, assertion messages).
    public override string ToString() =>
        $"OldUser {{ Enabled = {Enabled}, UserStatus = {UserStatus}, Attributes = {Attributes.Count} }}";
}
