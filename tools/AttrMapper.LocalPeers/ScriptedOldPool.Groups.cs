using System.Globalization;
using System.Text.Json.Nodes;

namespace AttrMapper.LocalPeers;

/// <summary>Groups, memberships and the admin attribute writes, per pool, as Cognito answers them.</summary>
public sealed partial class ScriptedOldPool
{
    /// <summary>The standard attributes every pool has, whatever its custom schema (what the attribute writes accept).</summary>
    private static readonly HashSet<string> StandardAttributes = new(StringComparer.Ordinal)
    {
        "address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name", "locale", "middle_name", "name",
        "nickname", "phone_number", "phone_number_verified", "picture", "preferred_username", "profile", "updated_at", "website",
        "zoneinfo",
    };

    /// <summary>Creates a group in pool <paramref name="userPoolId"/> (the old pool when null), as CreateGroup would.</summary>
    public void CreateGroup(FakeGroup group, string? userPoolId = null)
    {
        var pool = PoolOrAdd(userPoolId ?? UserPoolId);
        lock (pool.Gate)
        {
            pool.Groups[group.GroupName] = (group, _time.GetUtcNow());
        }
    }

    /// <summary>Creates the named groups (no description, role or precedence).</summary>
    public void CreateGroups(string? userPoolId, params string[] groupNames)
    {
        foreach (var name in groupNames)
        {
            CreateGroup(new FakeGroup { GroupName = name }, userPoolId);
        }
    }

    /// <summary>Seeds a membership (the group must exist; the user need not yet).</summary>
    public void AddUserToGroup(string username, string groupName, string? userPoolId = null)
    {
        var pool = PoolOrAdd(userPoolId ?? UserPoolId);
        lock (pool.Gate)
        {
            if (!pool.Groups.ContainsKey(groupName))
            {
                throw new InvalidOperationException($"Group {groupName} does not exist in {pool.Id}; CreateGroup first.");
            }

            AddMembership(pool, username, groupName);
        }
    }

    /// <summary>The groups the user belongs to, in name order (for assertions).</summary>
    public IReadOnlyList<string> GroupsOf(string username, string? userPoolId = null) =>
        _pools.TryGetValue(userPoolId ?? UserPoolId, out var pool) ? pool.GroupsOf(username) : [];

    private static void AddMembership(PoolState pool, string username, string groupName)
    {
        if (!pool.Memberships.TryGetValue(username, out var set))
        {
            pool.Memberships[username] = set = new SortedSet<string>(StringComparer.Ordinal);
        }

        set.Add(groupName);
    }

    private static JsonObject GroupJson(PoolState pool, FakeGroup group, DateTimeOffset created)
    {
        var o = new JsonObject { ["GroupName"] = group.GroupName, ["UserPoolId"] = pool.Id };
        if (group.Description is { } description)
        {
            o["Description"] = description;
        }

        if (group.RoleArn is { } role)
        {
            o["RoleArn"] = role;
        }

        if (group.Precedence is { } precedence)
        {
            o["Precedence"] = precedence;
        }

        o["LastModifiedDate"] = created.ToUnixTimeMilliseconds() / 1000.0;
        o["CreationDate"] = created.ToUnixTimeMilliseconds() / 1000.0;
        return o;
    }

    /// <summary>Reads Limit (1..max, default max) and the opaque NextToken as an offset; an error answer when either is bad.</summary>
    private static (int Offset, int Limit, (int, string)? Error) Paging(JsonObject body, string limitName, string wireLimitName, string tokenName, int max)
    {
        var limit = max;
        if (body[limitName] is { } l)
        {
            if (l is not JsonValue v || !v.TryGetValue<int>(out limit))
            {
                return (0, 0, (400, AwsJson.Error("SerializationException", $"NUMBER_VALUE can not be converted to an Integer")));
            }

            if (limit < 1)
            {
                return (0, 0, (400, AwsJson.Error("InvalidParameterException", $"1 validation error detected: Value '{limit}' at '{wireLimitName}' failed to satisfy constraint: Member must have value greater than or equal to 1")));
            }

            if (limit > max)
            {
                return (0, 0, (400, AwsJson.Error("InvalidParameterException", $"1 validation error detected: Value '{limit}' at '{wireLimitName}' failed to satisfy constraint: Member must have value less than or equal to {max}")));
            }
        }

        var offset = 0;
        if (Str(body, tokenName) is { } token)
        {
            if (TryDecodeToken(token) is not { } decoded)
            {
                return (0, 0, (400, AwsJson.Error("InvalidParameterException", "Invalid token")));
            }

            offset = decoded;
        }

        return (offset, limit, null);
    }

    private static string PageToken(int offset) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("page:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static (int, string) Page(string listName, List<JsonObject> all, int offset, int limit, string tokenName)
    {
        var answer = new JsonObject { [listName] = new JsonArray([.. all.Skip(offset).Take(limit)]) };
        if (offset + limit < all.Count)
        {
            answer[tokenName] = PageToken(offset + limit);
        }

        return (200, answer.ToJsonString());
    }

    private static (int, string)? MissingUsername(string? username) => string.IsNullOrEmpty(username)
        ? (400, AwsJson.Error("InvalidParameterException", "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must not be null"))
        : null;

    private static (int, string) UserNotFound() => (400, AwsJson.Error("UserNotFoundException", "User does not exist."));

    private static (int, string) AdminListGroupsForUser(JsonObject body, PoolState pool)
    {
        var username = Str(body, "Username");
        if (MissingUsername(username) is { } missing)
        {
            return missing;
        }

        var (offset, limit, error) = Paging(body, "Limit", "limit", "NextToken", 60);
        if (error is { } e)
        {
            return e;
        }

        if (!pool.Users.ContainsKey(username!))
        {
            return UserNotFound();
        }

        List<JsonObject> groups;
        lock (pool.Gate)
        {
            groups = [.. pool.GroupsOf(username!).Where(pool.Groups.ContainsKey).Select(g => GroupJson(pool, pool.Groups[g].Group, pool.Groups[g].Created))];
        }

        return Page("Groups", groups, offset, limit, "NextToken");
    }

    private static (int, string) ListGroups(JsonObject body, PoolState pool)
    {
        var (offset, limit, error) = Paging(body, "Limit", "limit", "NextToken", 60);
        if (error is { } e)
        {
            return e;
        }

        List<JsonObject> groups;
        lock (pool.Gate)
        {
            groups = [.. pool.Groups.Values.Select(g => GroupJson(pool, g.Group, g.Created))];
        }

        return Page("Groups", groups, offset, limit, "NextToken");
    }

    private static (int, string) AdminAddUserToGroup(JsonObject body, PoolState pool)
    {
        var username = Str(body, "Username");
        if (MissingUsername(username) is { } missing)
        {
            return missing;
        }

        var groupName = Str(body, "GroupName");
        if (string.IsNullOrEmpty(groupName))
        {
            return (400, AwsJson.Error("InvalidParameterException", "1 validation error detected: Value at 'groupName' failed to satisfy constraint: Member must not be null"));
        }

        lock (pool.Gate)
        {
            if (!pool.Groups.ContainsKey(groupName))
            {
                return (400, AwsJson.Error("ResourceNotFoundException", "Group not found."));
            }

            if (!pool.Users.ContainsKey(username!))
            {
                return UserNotFound();
            }

            // Already a member: Cognito answers the same empty 200.
            AddMembership(pool, username!, groupName);
        }

        return (200, "{}");
    }

    private static (int, string) AdminDeleteUserAttributes(JsonObject body, PoolState pool)
    {
        var username = Str(body, "Username");
        if (MissingUsername(username) is { } missing)
        {
            return missing;
        }

        if (body["UserAttributeNames"] is not JsonArray names || names.Any(n => n is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            return (400, AwsJson.Error("InvalidParameterException", "1 validation error detected: Value at 'userAttributeNames' failed to satisfy constraint: Member must not be null"));
        }

        var remove = names.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        lock (pool.Gate)
        {
            if (!pool.Users.TryGetValue(username!, out var user))
            {
                return UserNotFound();
            }

            // Deleting an attribute the user does not have is not an error.
            pool.Users[username!] = user.WithAttributes([.. user.Attributes.Where(a => !remove.Contains(a.Key))]);
        }

        return (200, "{}");
    }

    private (int, string) AdminUpdateUserAttributes(JsonObject body, PoolState pool)
    {
        var username = Str(body, "Username");
        if (MissingUsername(username) is { } missing)
        {
            return missing;
        }

        if (ReadAttributeList(body) is not { } updates)
        {
            return (400, AwsJson.Error("InvalidParameterException", "1 validation error detected: Value at 'userAttributes' failed to satisfy constraint: Member must not be null"));
        }

        if (CheckWritable(pool, updates, client: null) is { } refused)
        {
            return refused;
        }

        lock (pool.Gate)
        {
            if (!pool.Users.TryGetValue(username!, out var user))
            {
                return UserNotFound();
            }

            pool.Users[username!] = user.WithAttributes(Merge(user.Attributes, updates));
        }

        return (200, "{}");
    }

    private static List<KeyValuePair<string, string>>? ReadAttributeList(JsonObject body)
    {
        if (body["UserAttributes"] is not JsonArray list)
        {
            return null;
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach (var item in list)
        {
            if (Str(item as JsonObject, "Name") is not { } name)
            {
                return null;
            }

            result.Add(new(name, Str(item as JsonObject, "Value") ?? string.Empty));
        }

        return result;
    }

    /// <summary>Refuses a name the pool's schema lacks, an immutable one, and (for a user's own write) one the client may not write.</summary>
    private (int, string)? CheckWritable(PoolState pool, List<KeyValuePair<string, string>> updates, FakeAppClient? client)
    {
        var schema = SchemaOf(pool);
        foreach (var (name, _) in updates)
        {
            var declared = schema.FirstOrDefault(a => a.Name == name);
            if (declared.Name is null && !StandardAttributes.Contains(name))
            {
                return (400, AwsJson.Error("InvalidParameterException", $"Attributes did not conform to the schema: {name}: Attribute does not exist in the schema.\n"));
            }

            if ((declared.Name is not null && !declared.Mutable) || name == "sub")
            {
                return (400, AwsJson.Error("InvalidParameterException", $"Attributes did not conform to the schema: {name}: Attribute cannot be updated. (changing an immutable attribute)\n"));
            }

            if (client?.WriteAttributes is { } writable && !writable.Contains(name))
            {
                return (400, AwsJson.Error("NotAuthorizedException", "A client attempted to write unauthorized attribute"));
            }
        }

        return null;
    }

    private static List<KeyValuePair<string, string>> Merge(IReadOnlyList<KeyValuePair<string, string>> current, List<KeyValuePair<string, string>> updates)
    {
        var merged = current.ToList();
        foreach (var update in updates)
        {
            var at = merged.FindIndex(a => a.Key == update.Key);
            if (at >= 0)
            {
                merged[at] = update;
            }
            else
            {
                merged.Add(update);
            }
        }

        return merged;
    }
}
