using AttrMapper.Cognito;
using AttrMapper.Mapping;

namespace AttrMapper.Cli.Progress;

/// <summary>
/// Counts the old pool's users that already exist in the new pool. Pure: fed page by page, new pool first.
/// </summary>
/// <remarks>
/// Matching: the migration creates the new user under the name typed at sign-in, so an old user counts as migrated when
/// the new pool has a user of the same username, compared case-insensitively as Cognito pools compare them by default.
/// When the new pool signs in by e-mail (or phone) its usernames are generated ids; then an old user also counts when
/// a new user has the same email (case-insensitive) or phone_number. <c>sub</c> never matches: every pool mints its own.
/// Each old user counts at most once. The new pool's keys are held in memory (a few dozen bytes per user).
/// </remarks>
internal sealed class MigrationTally
{
    private readonly HashSet<string> _usernames = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string>? _emails;
    private readonly HashSet<string>? _phones;

    private readonly Func<OldUser, bool>? _selects;

    /// <param name="selects">With a map's <c>select</c> (one pool per tenant): which old users are this pool's; the others
    /// are counted apart (<see cref="NotSelected"/>), neither migrated nor remaining.</param>
    public MigrationTally(IReadOnlyList<string>? newPoolUsernameAttributes, Func<OldUser, bool>? selects = null)
    {
        _selects = selects;
        var attributes = newPoolUsernameAttributes ?? [];
        _emails = attributes.Contains(AttributeNames.Email, StringComparer.Ordinal) ? new(StringComparer.OrdinalIgnoreCase) : null;
        _phones = attributes.Contains(AttributeNames.PhoneNumber, StringComparer.Ordinal) ? new(StringComparer.Ordinal) : null;
    }

    public long NewUsers { get; private set; }

    /// <summary>The old pool's users this pool takes: every one without a <c>select</c>.</summary>
    public long OldUsers { get; private set; }

    /// <summary>Old users the map does not select: another tenant's pool takes them.</summary>
    public long NotSelected { get; private set; }

    public long Migrated { get; private set; }

    /// <summary>How users are matched, for the report: "username", "username or email", ...</summary>
    public string MatchedBy => "username" + (_emails is null ? string.Empty : " or email") + (_phones is null ? string.Empty : " or phone_number");

    public void AddNewUsers(IReadOnlyList<OldUser> users)
    {
        foreach (var user in users)
        {
            NewUsers++;
            _usernames.Add(user.Username);
            if (_emails is not null && Attribute(user, AttributeNames.Email) is { } email)
            {
                _emails.Add(email);
            }

            if (_phones is not null && Attribute(user, AttributeNames.PhoneNumber) is { } phone)
            {
                _phones.Add(phone);
            }
        }
    }

    public void AddOldUsers(IReadOnlyList<OldUser> users)
    {
        foreach (var user in users)
        {
            if (_selects is not null && !_selects(user))
            {
                NotSelected++;
                continue;
            }

            OldUsers++;
            if (_usernames.Contains(user.Username)
                || (_emails is not null && Attribute(user, AttributeNames.Email) is { } email && _emails.Contains(email))
                || (_phones is not null && Attribute(user, AttributeNames.PhoneNumber) is { } phone && _phones.Contains(phone)))
            {
                Migrated++;
            }
        }
    }

    private static string? Attribute(OldUser user, string name)
    {
        foreach (var (key, value) in user.Attributes)
        {
            if (key == name && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }
}
