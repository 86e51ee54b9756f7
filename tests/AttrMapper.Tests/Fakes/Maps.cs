namespace AttrMapper.Tests.Fakes;

/// <summary>The map the behaviour tests (handler and published bootstrap alike) run with.</summary>
internal static class Maps
{
    public const string Behaviour = """
        {
          "version": 1,
          "rules": [
            { "op": "copy", "from": "email" },
            { "op": "copy", "from": "email_verified" },
            { "op": "copy", "from": "phone_number" },
            { "op": "copy", "from": "phone_number_verified" },
            { "op": "rename", "from": "custom:tenant", "to": "custom:tenant_id" },
            { "op": "rename", "from": "sub", "to": "custom:legacy_sub" },
            { "op": "default", "to": "custom:plan", "value": "free" }
          ],
          "challenges": { "SMS_MFA": "sms-mfa", "NEW_PASSWORD_REQUIRED": "reset", "SOFTWARE_TOKEN_MFA": "reject" }
        }
        """;

    /// <summary><see cref="Behaviour"/> for one tenant's pool: <c>select</c> takes <c>custom:tenant</c> in acme, acme-eu.</summary>
    public const string SelectAcme = """
        {
          "version": 1,
          "rules": [
            { "op": "copy", "from": "email" },
            { "op": "copy", "from": "email_verified" },
            { "op": "copy", "from": "phone_number" },
            { "op": "copy", "from": "phone_number_verified" },
            { "op": "rename", "from": "custom:tenant", "to": "custom:tenant_id" },
            { "op": "rename", "from": "sub", "to": "custom:legacy_sub" },
            { "op": "default", "to": "custom:plan", "value": "free" }
          ],
          "challenges": { "SMS_MFA": "sms-mfa", "NEW_PASSWORD_REQUIRED": "reset", "SOFTWARE_TOKEN_MFA": "reject" },
          "select": { "attribute": "custom:tenant", "in": ["acme", "acme-eu"] }
        }
        """;

    /// <summary>A pool that takes users by e-mail domain: <c>select</c> by <c>suffix</c> on <c>email</c>.</summary>
    public const string SelectAcmeDomain = """
        {
          "version": 1,
          "rules": [
            { "op": "copy", "from": "email" },
            { "op": "copy", "from": "email_verified" },
            { "op": "copy", "from": "phone_number" },
            { "op": "copy", "from": "phone_number_verified" }
          ],
          "challenges": { "SMS_MFA": "sms-mfa", "NEW_PASSWORD_REQUIRED": "reset" },
          "select": { "attribute": "email", "suffix": ["@acme.com"] }
        }
        """;

    /// <summary>The behaviour map with a groups section: admins copied, staff → employees, beta dropped, everyone in migrated.</summary>
    public const string WithGroups = """
        {
          "version": 1,
          "rules": [
            { "op": "copy", "from": "email" },
            { "op": "copy", "from": "email_verified" },
            { "op": "rename", "from": "sub", "to": "custom:legacy_sub" }
          ],
          "groups": {
            "marker": "custom:pending_groups",
            "rules": [
              { "op": "copy", "from": "admins" },
              { "op": "rename", "from": "staff", "to": "employees" },
              { "op": "drop", "from": "beta" },
              { "op": "add", "to": "migrated" }
            ]
          }
        }
        """;
}
