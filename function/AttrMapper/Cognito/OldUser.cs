namespace AttrMapper.Cognito;

/// <summary>A user of the old pool with its attributes (name, value), as Cognito listed them.</summary>
public sealed record OldUser(string Username, bool Enabled, string UserStatus, IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    /// <summary>A user as a Cognito answer lists it: fails closed (MalformedResponse) without a name, status or attribute name; a missing Enabled reads as disabled.</summary>
    public static OldUser FromAnswer(string? username, bool? enabled, string? status, IEnumerable<KeyValuePair<string?, string?>>? attributes)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(status))
        {
            throw CognitoTransport.Malformed();
        }

        var list = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in attributes ?? [])
        {
            if (string.IsNullOrEmpty(name))
            {
                throw CognitoTransport.Malformed();
            }

            list.Add(new(name, value ?? string.Empty));
        }

        // Never migrate on a guess.
        return new OldUser(username, enabled ?? false, status, list);
    }

    // Attribute values are user data: keep them out of every ToString (logs, assertion messages).
    public override string ToString() =>
        $"OldUser {{ Enabled = {Enabled}, UserStatus = {UserStatus}, Attributes = {Attributes.Count} }}";
}
