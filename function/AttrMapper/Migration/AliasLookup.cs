using System.Diagnostics.CodeAnalysis;
using AttrMapper.Cognito;
using AttrMapper.Configuration;

namespace AttrMapper.Migration;

/// <summary>ALIAS_LOOKUP (DESIGN.md §5): which old user a typed name means when no user has it. The function and the CLI's preview both call this.</summary>
public sealed class AliasLookup
{
    private readonly AliasAttributes attributes;

    internal AliasLookup(AliasAttributes attributes) => this.attributes = attributes;

    /// <summary>Two is enough to tell "exactly one" from "ambiguous" without paging through the pool.</summary>
    public const int Limit = 2;

    /// <summary>ALIAS_LOOKUP's vocabulary (off, email, phone_number, email,phone_number), read as the function reads it; false when not in it.</summary>
    public static bool TryParse(string? setting, [NotNullWhen(true)] out AliasLookup? lookup)
    {
        try
        {
            lookup = new AliasLookup(FunctionOptions.ParseAliasLookup(setting));
            return true;
        }
        catch (ConfigurationException)
        {
            lookup = null;
            return false;
        }
    }

    /// <summary>True when a lookup is tried for <paramref name="typed"/>: the setting allows an attribute and the name has its shape.</summary>
    public bool AppliesTo(string typed) => AliasShapes.AttributeFor(attributes, typed) is not null;

    /// <summary>
    /// ListUsers <c>attr = "typed"</c> through <paramref name="listUsers"/> (the caller's own call policy); the match is
    /// the user only when exactly one has it. Call only when <see cref="AppliesTo"/>.
    /// </summary>
    public async Task<AliasMatch> FindAsync(
        string typed,
        Func<string, string, int, CancellationToken, Task<IReadOnlyList<OldUser>>> listUsers,
        CancellationToken ct)
    {
        var attribute = AliasShapes.AttributeFor(attributes, typed)
            ?? throw new InvalidOperationException("No alias lookup applies to this name.");
        var users = await listUsers(attribute, typed, Limit, ct).ConfigureAwait(false);
        return new AliasMatch(attribute, users.Count, users.Count == 1 ? users[0] : null);
    }
}

/// <summary>What an alias lookup found: the attribute searched, how many users had it (at most <see cref="AliasLookup.Limit"/>), the one user or null.</summary>
public sealed record AliasMatch(string Attribute, int Found, OldUser? User);
