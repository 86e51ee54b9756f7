using System.Security.Cryptography;

namespace AttrMapper.Demo.Walkthrough;

/// <summary>One old-pool user of the demo, and what they do when they first meet the new pool.</summary>
/// <param name="Story">What the row shows, e.g. "unverified email".</param>
/// <param name="TypesWrongPassword">Whether their sign-in uses a wrong password.</param>
public sealed record DemoUser(
    string Username,
    string Story,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    bool Enabled = true,
    bool TypesWrongPassword = false)
{
    /// <summary>A fresh password for this run; never printed.</summary>
    public string Password { get; } = "Demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + "-pw!";

    /// <summary>The password as typed at the new pool's sign-in.</summary>
    public string TypedPassword => TypesWrongPassword ? Password + "-typo" : Password;
}

/// <summary>The old pool's users: realistic custom attributes, an unverified email, a disabled user, a wrong password, one who never signs in.</summary>
public static class DemoUsers
{
    public static IReadOnlyList<DemoUser> FirstWave { get; } =
    [
        new("alice", "verified email, custom attributes",
        [
            new("email", "alice@example.com"),
            new("email_verified", "true"),
            new("given_name", "Alice"),
            new("family_name", "Nguyen"),
            new("custom:tenant", "acme"),
            new("custom:plan", "pro"),
            new("custom:internal_flag", "beta-cohort-7"),
        ]),
        new("bruno", "unverified email",
        [
            new("email", "bruno@example.org"),
            new("email_verified", "false"),
            new("given_name", "Bruno"),
            new("custom:tenant", "globex"),
        ]),
        new("carmen", "disabled in the old pool",
        [
            new("email", "carmen@example.com"),
            new("email_verified", "true"),
            new("custom:tenant", "acme"),
        ], Enabled: false),
        new("dmitri", "types a wrong password",
        [
            new("email", "dmitri@example.net"),
            new("email_verified", "true"),
            new("custom:tenant", "initech"),
        ], TypesWrongPassword: true),
    ];

    /// <summary>Signs in only after the map was edited.</summary>
    public static DemoUser AfterMapEdit { get; } = new("erin", "signs in after the map edit",
    [
        new("email", "erin@example.com"),
        new("email_verified", "true"),
        new("given_name", "Erin"),
        new("custom:tenant", "umbrella"),
    ]);

    /// <summary>Has groups in the old pool; seeded and signed in by the groups step (<see cref="GroupsStep"/>).</summary>
    public static DemoUser WithGroups { get; } = new("grace", "in editors, staff and beta-testers",
    [
        new("email", "grace@example.com"),
        new("email_verified", "true"),
        new("given_name", "Grace"),
        new("custom:tenant", "acme"),
    ]);

    public static IEnumerable<DemoUser> All => [.. FirstWave, AfterMapEdit, .. NeverSignIn];

    /// <summary>Never sign in before the cutover: only the sweep can bring them across (<see cref="CutoverStep"/>).</summary>
    public static IReadOnlyList<DemoUser> NeverSignIn { get; } =
    [
        new("frank", "never signed in",
        [
            new("email", "frank@example.com"),
            new("email_verified", "true"),
            new("given_name", "Frank"),
            new("family_name", "Osei"),
            new("custom:tenant", "globex"),
            new("custom:plan", "team"),
        ]),
        new("gina", "never signed in, unverified email",
        [
            new("email", "gina@example.org"),
            new("email_verified", "false"),
            new("given_name", "Gina"),
            new("custom:tenant", "initech"),
        ]),
    ];
}
