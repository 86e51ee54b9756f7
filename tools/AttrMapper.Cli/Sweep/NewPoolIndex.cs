using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using AttrMapper.Cognito;
using AttrMapper.Mapping;

namespace AttrMapper.Cli.Sweep;

/// <summary>
/// Who is in the new pool already, as compactly as it can be held: each key is a 128-bit SHA-256 prefix in a hash set
/// (about 40 bytes per key whatever the name's length); it is the only part of a sweep that grows with the pool.
/// </summary>
/// <remarks>
/// A lazily migrated user is created under the name typed at sign-in (MigrationHandler: the event's <c>userName</c>):
/// the old username, or with ALIAS_LOOKUP the old user's email or phone number. So an old user is already there when a
/// new user's username (case-insensitive, as pools compare them by default) equals the old username, the old email or
/// the old phone number. In a new pool that signs in by email or phone its usernames are generated ids; there the
/// mapped email (case-insensitive) or phone number is compared too. <c>sub</c> never matches: each pool mints its own.
/// Two different keys share a hash with probability about n²/2¹²⁹: at 40 million users, below one in 10²³.
/// </remarks>
internal sealed class NewPoolIndex
{
    private readonly HashSet<UInt128> _keys = [];
    private readonly bool _byEmail;
    private readonly bool _byPhone;

    public NewPoolIndex(IReadOnlyList<string>? usernameAttributes)
    {
        _byEmail = usernameAttributes?.Contains(AttributeNames.Email, StringComparer.Ordinal) ?? false;
        _byPhone = usernameAttributes?.Contains(AttributeNames.PhoneNumber, StringComparer.Ordinal) ?? false;
    }

    public long Users { get; private set; }

    public int Keys => _keys.Count;

    public string MatchedBy => "username, old email or old phone number" + (_byEmail ? "; mapped email" : string.Empty) + (_byPhone ? "; mapped phone_number" : string.Empty);

    public void Add(IReadOnlyList<OldUser> newUsers)
    {
        foreach (var user in newUsers)
        {
            Users++;
            _keys.Add(Key('u', user.Username.ToLowerInvariant()));
            if (_byEmail && Value(user.Attributes, AttributeNames.Email) is { } email)
            {
                _keys.Add(Key('e', email.ToLowerInvariant()));
            }

            if (_byPhone && Value(user.Attributes, AttributeNames.PhoneNumber) is { } phone)
            {
                _keys.Add(Key('p', phone));
            }
        }
    }

    /// <summary>True when the old user is in the new pool already; <paramref name="mapped"/> is the map's answer when there is one.</summary>
    public bool Contains(OldUser old, IReadOnlyDictionary<string, string>? mapped)
    {
        if (_keys.Contains(Key('u', old.Username.ToLowerInvariant()))
            || (Value(old.Attributes, AttributeNames.Email) is { } email && _keys.Contains(Key('u', email.ToLowerInvariant())))
            || (Value(old.Attributes, AttributeNames.PhoneNumber) is { } phone && _keys.Contains(Key('u', phone))))
        {
            return true;
        }

        if (mapped is null)
        {
            return false;
        }

        return (_byEmail && mapped.TryGetValue(AttributeNames.Email, out var e) && e.Trim() is { Length: > 0 } me && _keys.Contains(Key('e', me.ToLowerInvariant())))
            || (_byPhone && mapped.TryGetValue(AttributeNames.PhoneNumber, out var p) && p.Trim() is { Length: > 0 } mp && _keys.Contains(Key('p', mp)));
    }

    private static string? Value(IReadOnlyList<KeyValuePair<string, string>> attributes, string name)
    {
        foreach (var (key, value) in attributes)
        {
            if (key == name && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    private static UInt128 Key(char kind, string value)
    {
        var count = Encoding.UTF8.GetMaxByteCount(value.Length) + 1;
        var buffer = count <= 512 ? stackalloc byte[count] : new byte[count];
        buffer[0] = (byte)kind;
        var length = Encoding.UTF8.GetBytes(value, buffer[1..]) + 1;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer[..length], hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
