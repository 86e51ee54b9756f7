namespace AttrMapper.Groups;

/// <summary>How a new pool's users sign in (DescribeUserPool <c>UsernameAttributes</c>): a username, or an attribute.</summary>
public enum UsernameAttribute
{
    Username,
    Email,
    PhoneNumber,

    /// <summary>Both: the email when the user has one, else the phone number.</summary>
    EmailOrPhone,
}
