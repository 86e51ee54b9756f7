namespace AttrMapper.Cli.Tests;

/// <summary>Map documents the tests use.</summary>
internal static class MapTexts
{
    public const string Tenant = """
        {
          "version": 1,
          "rules": [
            { "op": "copy", "from": "email" },
            { "op": "copy", "from": "email_verified" },
            { "op": "rename", "from": "custom:tenant", "to": "custom:tenant_id" },
            { "op": "default", "to": "custom:plan", "value": "free" }
          ]
        }
        """;

    /// <summary>Same rules as <see cref="Tenant"/> in another order and layout: no difference in behaviour.</summary>
    public const string TenantReordered = """
        { "version": 1, "rules": [
          { "op": "default", "to": "custom:plan", "value": "free" },
          { "op": "rename", "from": "custom:tenant", "to": "custom:tenant_id" },
          { "op": "copy", "from": "email_verified" },
          { "op": "copy", "from": "email" } ] }
        """;

    public const string TenantChanged = """
        {
          "version": 1,
          "rules": [
            { "op": "copy", "from": "email" },
            { "op": "rename", "from": "custom:tenant", "to": "custom:tenant_id" },
            { "op": "default", "to": "custom:plan", "value": "pro" },
            { "op": "copy", "from": "phone_number" }
          ],
          "user": { "finalUserStatus": "RESET_REQUIRED" }
        }
        """;

    /// <summary>A map that moves groups: admins copied, staff renamed to employees, beta dropped, migrated added.</summary>
    public const string Groups = """
        { "version": 1, "rules": [ { "op": "copy", "from": "email" } ],
          "groups": { "marker": "custom:pending_groups", "rules": [
            { "op": "copy", "from": "admins" },
            { "op": "rename", "from": "staff", "to": "employees" },
            { "op": "drop", "from": "beta" },
            { "op": "add", "to": "migrated" } ] } }
        """;

    public const string UnknownOp = """{ "version": 1, "rules": [ { "op": "cpy", "from": "email" } ] }""";

    public const string NotJson = """{ "version": 1, "rules": [ """;

    /// <summary><see cref="Tenant"/> for acme's own pool: select takes custom:tenant acme.</summary>
    public const string SelectAcme = """
        {
          "version": 1,
          "rules": [
            { "op": "copy", "from": "email" },
            { "op": "copy", "from": "email_verified" },
            { "op": "rename", "from": "custom:tenant", "to": "custom:tenant_id" }
          ],
          "select": { "attribute": "custom:tenant", "in": ["acme"] }
        }
        """;

    /// <summary>A pool taking users by e-mail domain.</summary>
    public const string SelectGlobexDomain = """
        {
          "version": 1,
          "rules": [ { "op": "copy", "from": "email" }, { "op": "copy", "from": "email_verified" } ],
          "select": { "attribute": "email", "suffix": ["@globex.com"] }
        }
        """;
}

