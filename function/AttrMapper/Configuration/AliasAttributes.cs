namespace AttrMapper.Configuration;

/// <summary>Which old-pool attributes a typed name may be looked up by when no user has that name.</summary>
[Flags]
internal enum AliasAttributes
{
    None = 0,
    Email = 1,
    PhoneNumber = 2,
}
