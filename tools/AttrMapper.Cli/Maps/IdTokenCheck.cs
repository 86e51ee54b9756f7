using AttrMapper.Cli.Aws;
using AttrMapper.Mapping;

namespace AttrMapper.Cli.Maps;

/// <summary>
/// <c>map validate --old-pool</c> for an <c>"attributeSource": "IdToken"</c> map: the old sign-in's ID token must carry
/// every attribute the map reads, exactly as AdminGetUser would (DESIGN.md §4), or the function would migrate users with
/// attributes missing.
/// </summary>
internal static class IdTokenCheck
{
    private const string SourcePath = "$.attributeSource";

    /// <param name="readAttributes">The old client's ReadAttributes; null when it may read every readable attribute.</param>
    public static List<Finding> Check(AttributeMap map, MapDraft draft, UserPoolDescription oldPool, string? oldClientId, IReadOnlyList<string>? readAttributes)
    {
        var findings = new List<Finding>();
        if (oldPool.HasPreTokenGeneration)
        {
            findings.Add(new Finding(Severity.Error, SourcePath,
                $"IdToken: pool {oldPool.Id} has a pre token generation trigger, which can rewrite the ID token's claims",
                "use \"attributeSource\": \"AdminGetUser\", or remove the old pool's pre token generation trigger"));
        }

        if (oldClientId is null)
        {
            findings.Add(new Finding(Severity.Error, SourcePath,
                "IdToken: cannot check which attributes the old app client may read without its id",
                "give the function's old app client: --old-client CLIENT_ID"));
            return findings;
        }

        if (readAttributes is null)
        {
            return findings;
        }

        var readable = readAttributes.ToHashSet(StringComparer.Ordinal);
        foreach (var name in map.ReadAttributes.Where(n => !readable.Contains(n)))
        {
            var path = draft.Rules.FirstOrDefault(r => r.From == name)?.FromPath ?? "$.select.attribute";
            findings.Add(new Finding(Severity.Error, path,
                $"IdToken: old app client {oldClientId} may not read {name}, so its ID token never carries it",
                $"add {name} to the client's ReadAttributes, or use \"attributeSource\": \"AdminGetUser\""));
        }

        return findings;
    }
}
