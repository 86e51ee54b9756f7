namespace AttrMapper.Mapping;

/// <summary>Where a sign-in migration reads the old user's attributes (section 4, <c>attributeSource</c>).</summary>
public enum AttributeSource
{
    /// <summary>AdminGetUser after the sign-in: two old-pool calls, every attribute.</summary>
    AdminGetUser,

    /// <summary>The claims of the ID token in the sign-in's own answer (<see cref="IdTokenClaims"/>): one old-pool call.</summary>
    IdToken,
}
