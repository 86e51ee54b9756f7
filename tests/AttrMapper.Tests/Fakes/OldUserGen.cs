using CsCheck;

namespace AttrMapper.Tests.Fakes;

/// <summary>
/// Old-pool users for the attribute-source equivalence properties (loopback and published-bootstrap tiers alike): any
/// subset of these attributes, in any order, with awkward text (quotes, escapes, non-BMP, line separators, an oversized
/// value) and the typed ones (flags, a number) as AdminGetUser gives them.
/// </summary>
internal static class OldUserGen
{
    /// <summary>What the users may hold; the scripted pool types each claim by name, as Cognito does.</summary>
    public static readonly string[] Names =
    [
        "sub", "email", "email_verified", "phone_number", "phone_number_verified", "given_name", "locale", "updated_at",
        "custom:tenant", "custom:plan",
    ];

    public static readonly Gen<string> Text = Gen.Frequency(
        (30, Gen.OneOf("acme", "", "Bob", "a\"b\\c/d", "é€😀", "+447700900123", "bob@example.com", "\u2028x\t", "<tag>&'", "42")),
        (1, Gen.Const(new string('L', 2049))));

    public static readonly Gen<KeyValuePair<string, string>[]> Users = Gen.Select(
        Gen.Bool.Array[Names.Length], Text.Array[Names.Length], Gen.Bool.Array[Names.Length], Gen.Long[0, 4_102_444_800], Gen.Int.Array[Names.Length],
        (present, texts, flags, number, order) => Enumerable.Range(0, Names.Length)
            .Where(i => present[i])
            .OrderBy(i => order[i])
            .Select(i => new KeyValuePair<string, string>(Names[i], Names[i] switch
            {
                "email_verified" or "phone_number_verified" => flags[i] ? "true" : "false",
                "updated_at" => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => texts[i],
            }))
            .ToArray());
}
