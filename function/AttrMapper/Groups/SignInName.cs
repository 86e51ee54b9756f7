namespace AttrMapper.Groups;

/// <summary>
/// The name a marker's tag binds (DESIGN.md §5): the event's <c>userName</c>, or, in a new pool that signs in by email
/// or phone number (its UsernameAttributes), that attribute's value, because there later triggers carry a generated
/// <c>userName</c>. Email is lower-cased (Cognito compares it case-insensitively); a phone number is taken as written.
/// </summary>
internal static class SignInName
{
    /// <summary>The name; null when the pool signs in by an attribute the user does not have (nothing to bind).</summary>
    public static string? Of(string userName, UsernameAttribute poolSignsInBy, Func<string, string?> attribute) => poolSignsInBy switch
    {
        UsernameAttribute.Email => attribute("email") is { Length: > 0 } email ? email.ToLowerInvariant() : null,
        UsernameAttribute.PhoneNumber => attribute("phone_number") is { Length: > 0 } phone ? phone : null,
        UsernameAttribute.EmailOrPhone => Of(userName, UsernameAttribute.Email, attribute) ?? Of(userName, UsernameAttribute.PhoneNumber, attribute),
        _ => userName,
    };
}
