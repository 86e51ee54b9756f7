using System.Security.Cryptography;
using System.Text;

namespace AttrMapper.Parameters;

/// <summary>
/// The function's own secret key (KEY_PARAMETER: at least 32 random bytes, base64). Nothing uses it directly: each use
/// takes a sub-key derived for its purpose (HKDF-SHA256, RFC 5869), so the log hash and the pending-groups marker never
/// share a key and one purpose's output says nothing about another's. The raw bytes are not kept, and never printed.
/// </summary>
public sealed class FunctionKey
{
    /// <summary>Fewer random bytes than this are refused as too weak to key an HMAC.</summary>
    public const int MinimumBytes = 32;

    /// <summary>More than this is not a key someone generated on purpose.</summary>
    public const int MaximumBytes = 1024;

    /// <summary>The sub-key that keys the username hash in logs.</summary>
    public const string LogHashPurpose = "log-hash";

    /// <summary>The sub-key that authenticates the pending-groups marker (DESIGN.md §5).</summary>
    public const string GroupsMarkerPurpose = "groups-marker";

    // HKDF's salt: fixed and public, it separates our derivations from any other use of the same bytes.
    private static readonly byte[] Salt = "attrmapper/function-key/v1"u8.ToArray();

    private readonly byte[] _pseudoRandomKey;

    private FunctionKey(byte[] pseudoRandomKey, long version)
    {
        _pseudoRandomKey = pseudoRandomKey;
        Version = version;
    }

    /// <summary>The Parameter Store version it was read from: a rotation changes it, and with it every derived value.</summary>
    public long Version { get; }

    /// <summary>
    /// The key from a parameter's value: standard base64 (whitespace around it ignored) of 32 to 1024 bytes. Null when the
    /// value is anything else; the caller counts that, and never shows the value.
    /// </summary>
    public static FunctionKey? TryParse(string value, long version)
    {
        var text = value.Trim();
        var bytes = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var length) || length < MinimumBytes || length > MaximumBytes)
        {
            CryptographicOperations.ZeroMemory(bytes);
            return null;
        }

        var key = new FunctionKey(HKDF.Extract(HashAlgorithmName.SHA256, bytes.AsSpan(0, length).ToArray(), Salt), version);
        CryptographicOperations.ZeroMemory(bytes);
        return key;
    }

    /// <summary>
    /// The sub-key for <paramref name="purpose"/> (e.g. <see cref="LogHashPurpose"/>): HKDF-Expand(SHA-256) of this key
    /// with the purpose's UTF-8 bytes as info. The same key and purpose always give the same bytes.
    /// </summary>
    public byte[] Derive(string purpose, int length = 32)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 255 * 32);
        return HKDF.Expand(HashAlgorithmName.SHA256, _pseudoRandomKey, length, Encoding.UTF8.GetBytes(purpose));
    }

    public override string ToString() => $"FunctionKey {{ Version = {Version} }}";
}
