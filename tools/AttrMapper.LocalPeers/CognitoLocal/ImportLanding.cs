using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace AttrMapper.LocalPeers.CognitoLocal;

/// <summary>
/// The hand-over of one imported user from <see cref="CognitoLocalUserImport"/> to cognito-local. cognito-local 5.3.0 has no
/// AdminResetUserPassword, its AdminCreateUser makes FORCE_CHANGE_PASSWORD users and AdminSetUserPassword CONFIRMED ones, and it
/// reads its data file only at start: the one runtime path that stores a user in any status is its UserMigration trigger, which
/// saves what the trigger answers. So the import signs the user in once with a one-time secret, and
/// <see cref="UserMigrationTriggerProxy"/> answers that trigger call from here (finalUserStatus RESET_REQUIRED, the row's
/// attributes) without calling the function. A real user's sign-in never matches: the secret is 32 random bytes, used once.
/// </summary>
public sealed class ImportLanding
{
    private readonly ConcurrentDictionary<(string Pool, string Username), Expected> _expected = new();
    private int _landed;

    /// <summary>Imported users cognito-local now holds (trigger answers given from here).</summary>
    public int Landed => Volatile.Read(ref _landed);

    /// <summary>Expects one trigger call for the user; returns the one-time password to sign in with.</summary>
    public string Expect(string userPoolId, string username, IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        var secret = "Import-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _expected[(userPoolId, username)] = new Expected(secret, attributes);
        return secret;
    }

    /// <summary>Withdraws an expectation; true when it was still open (no trigger call took it).</summary>
    public bool Withdraw(string userPoolId, string username) => _expected.TryRemove((userPoolId, username), out _);

    /// <summary>
    /// The attributes to answer a UserMigration_Authentication call with, when it is the import's own sign-in for this user (pool,
    /// username and one-time password all match); each expectation is taken once.
    /// </summary>
    public bool TryTake(string userPoolId, string username, string? password, out IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        attributes = [];
        if (password is null || !_expected.TryGetValue((userPoolId, username), out var expected)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(expected.Secret))
            || !_expected.TryRemove(new KeyValuePair<(string, string), Expected>((userPoolId, username), expected)))
        {
            return false;
        }

        Interlocked.Increment(ref _landed);
        attributes = expected.Attributes;
        return true;
    }

    private sealed record Expected(string Secret, IReadOnlyList<KeyValuePair<string, string>> Attributes);
}
