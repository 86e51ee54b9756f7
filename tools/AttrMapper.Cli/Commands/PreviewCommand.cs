using System.CommandLine;
using System.Text.Json;
using AttrMapper.Cli.Aws;
using AttrMapper.Cli.Maps;
using AttrMapper.Cli.Output;
using AttrMapper.Cognito;
using AttrMapper.Logging;
using AttrMapper.Mapping;
using AttrMapper.Migration;

namespace AttrMapper.Cli.Commands;

/// <summary><c>preview USERNAME</c>: a dry run of the migration of one user. Reads only; never asks for a password.</summary>
internal static class PreviewCommand
{
    public static Command Create(CliContext context)
    {
        var username = new Argument<string>("USERNAME") { Description = "The user's username in the OLD pool" };
        var oldPool = new Option<string>("--old-pool") { Description = "OLD pool id, e.g. eu-west-1_AbC123", Required = true };
        var mapFile = new Option<string>("--map") { Description = "Preview with this map file" };
        var parameter = CommonOptions.Parameter(required: false);
        parameter.Description = "Preview with the map stored in this parameter (what the function uses now)";
        var aliasLookup = new Option<string>("--alias-lookup")
        {
            Description = "As the function's ALIAS_LOOKUP (off, email, phone_number, email,phone_number): find the user by that attribute when no user has the name",
            DefaultValueFactory = _ => "off",
        };
        aliasLookup.Validators.Add(r =>
        {
            if (!AliasLookup.TryParse(r.GetValueOrDefault<string>(), out _))
            {
                r.AddError("--alias-lookup must be off, email, phone_number or email,phone_number");
            }
        });
        var json = CommonOptions.Json();
        var command = new Command(
            "preview",
            "Dry run for one user: reads them from the old pool (AdminGetUser), applies the map, and shows old and new attributes and what the trigger " +
            "would answer for sign-in and forgot-password. Writes nothing, never asks for a password. Give exactly one of --map or --parameter.")
        {
            username, oldPool, mapFile, parameter, aliasLookup, json,
        };
        command.SetAction((parse, ct) => CommandRun.RunAsync(context, parse.GetValue(json), async session =>
        {
            var name = parse.GetRequiredValue(username);
            var poolId = parse.GetRequiredValue(oldPool);
            // The map first: a bad map is found without touching the old pool.
            var chosen = await MapChoice.ReadAsync(session, parse.GetValue(mapFile), parse.GetValue(parameter), session.Pool(poolId).Options.Region, ct)
                .ConfigureAwait(false);
            var document = chosen.Document;
            var mapSource = chosen.Source;

            if (!document.IsValid)
            {
                var findings = document.Findings();
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(context.Out, w =>
                    {
                        w.WriteNumber("exitCode", ExitCodes.Invalid);
                        w.WriteString("map", mapSource);
                        w.WriteBoolean("mapValid", false);
                        FindingsOutput.Json(w, findings);
                    });
                }
                else
                {
                    context.Out.WriteLine($"{mapSource}: INVALID map, no preview ({FindingsOutput.Summary(findings)}); the function would keep its last good map");
                    FindingsOutput.Human(context.Out, findings);
                }

                return ExitCodes.Invalid;
            }

            var map = document.Result.Map!;
            var user = await FindUserAsync(session.Pool(poolId), name, Aliases(parse.GetValue(aliasLookup)), ct).ConfigureAwait(false);

            var groups = map.Groups is { } groupMap ? await GroupsPreview.ReadAsync(session.Pool(poolId), user.Username, groupMap, ct).ConfigureAwait(false) : null;
            var mapped = map.Apply(user.Attributes);
            var cases = SignInPrediction.Cases(user, map);
            var selection = SelectionVerdict.For(user, map);
            var policy = ChallengeNames.All.Select(c => new KeyValuePair<string, string>(c, PolicyName(map.ChallengeFor(c)))).ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Out, w =>
                {
                    WriteJson(w, name, poolId, mapSource, user, mapped.Attributes, mapped.OversizedAttribute, cases);
                    WriteSelection(w, selection);
                    w.WriteString("attributeSource", SourceName(map.AttributeSource));
                    w.WriteString("previewedWith", "AdminGetUser");
                    w.WriteAttributes("challengePolicy", policy);
                    if (groups is null)
                    {
                        w.WriteNull("groups");
                    }
                    else
                    {
                        groups.WriteJson(w);
                    }
                });
            }
            else
            {
                WriteHuman(context.Out, name, poolId, mapSource, user, mapped.Attributes, mapped.OversizedAttribute, cases, selection);
                groups?.WriteHuman(context.Out);
                context.Out.WriteLine();
                context.Out.WriteLine(SourceLine(map.AttributeSource));
                context.Out.WriteLine("challenge policy: " + string.Join(", ", policy.Select(p => $"{p.Key}={p.Value}")));
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>AdminGetUser, then (as the function does with ALIAS_LOOKUP) exactly one user by the alias attribute.</summary>
    private static async Task<OldUser> FindUserAsync(OldPoolClient pool, string name, AliasLookup aliases, CancellationToken ct)
    {
        var where = $"old pool {pool.Options.UserPoolId}, user {name}";
        try
        {
            return await pool.AdminGetUserAsync(name, ct).ConfigureAwait(false);
        }
        catch (CognitoException e) when (e.Kind == CognitoErrorKind.UserNotFound && aliases.AppliesTo(name))
        {
            AliasMatch found;
            try
            {
                found = await aliases.FindAsync(name, pool.ListUsersAsync, ct).ConfigureAwait(false);
            }
            catch (CognitoException inner)
            {
                throw AwsFailures.FromCognito(inner, where);
            }

            return found.User
                ?? throw new CliException(ExitCodes.NotFound, "not_found",
                    $"{where}: no such user, and {(found.Found == 0 ? "no" : "more than one")} user has that {found.Attribute}",
                    "the function rejects this sign-in too");
        }
        catch (CognitoException e)
        {
            throw AwsFailures.FromCognito(e, where);
        }
    }

    // The option's validator has already refused anything outside the vocabulary.
    private static AliasLookup Aliases(string? setting) =>
        AliasLookup.TryParse(setting, out var lookup) ? lookup : throw CliException.Usage("--alias-lookup must be off, email, phone_number or email,phone_number");

    private static string SourceName(AttributeSource source) => source == AttributeSource.IdToken ? "IdToken" : "AdminGetUser";

    // The CLI never handles a user's password, so it cannot sign in to get the ID token: it reads AdminGetUser, whose
    // attributes the function's IdToken source reproduces exactly for every map that validate accepts.
    private static string SourceLine(AttributeSource source) => source == AttributeSource.IdToken
        ? "attribute source: IdToken (the function reads the sign-in's ID token, one old-pool call); previewed with AdminGetUser, since the CLI never handles a password"
        : "attribute source: AdminGetUser (the function reads AdminGetUser after the sign-in, two old-pool calls); previewed with AdminGetUser";

    private static string PolicyName(ChallengeAction action) => action switch
    {
        ChallengeAction.Reset => "reset",
        ChallengeAction.SmsMfa => "sms-mfa",
        _ => "reject",
    };

    private static void WriteHuman(
        TextWriter o, string name, string poolId, string mapSource, OldUser user,
        IReadOnlyDictionary<string, string>? attributes, string? oversized, List<PreviewCase> cases, SelectionVerdict? selection)
    {
        var foundAs = user.Username == name ? string.Empty : $" (found by alias: username {user.Username})";
        o.WriteLine($"user {name} in {poolId}{foundAs}: {user.UserStatus}, {(user.Enabled ? "enabled" : "DISABLED")}");
        o.WriteLine($"map: {mapSource}");
        o.WriteLine($"select: {selection?.Describe() ?? "the map has no select: this pool takes every user"}");
        o.WriteLine();
        o.WriteLine("old attributes:");
        WriteTable(o, user.Attributes);
        o.WriteLine();
        if (attributes is null)
        {
            o.WriteLine($"new attributes: none: the value of {oversized} is over 2048 characters, so the user is rejected");
        }
        else
        {
            o.WriteLine("new attributes (what the map emits):");
            WriteTable(o, attributes.OrderBy(a => a.Key, StringComparer.Ordinal));
            var dropped = user.Attributes.Select(a => a.Key).Where(k => !attributes.ContainsKey(k)).Distinct(StringComparer.Ordinal).ToList();
            if (dropped.Count > 0)
            {
                o.WriteLine($"  (not carried over: {string.Join(", ", dropped)})");
            }
        }

        o.WriteLine();
        o.WriteLine("what the trigger would answer:");
        foreach (var c in cases)
        {
            o.WriteLine($"  {c.Trigger,-15} {c.Situation}");
            o.WriteLine($"  {string.Empty,-15}   -> {Describe(c.Outcome)}");
        }
    }

    private static void WriteTable(TextWriter o, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        var list = attributes.ToList();
        if (list.Count == 0)
        {
            o.WriteLine("  (none)");
            return;
        }

        var width = list.Max(a => a.Key.Length);
        foreach (var (key, value) in list)
        {
            o.WriteLine($"  {key.PadRight(width)}  {value}");
        }
    }

    private static string Describe(Outcome outcome) => outcome.Kind switch
    {
        OutcomeKind.Migrated => $"{Shouted(outcome)} ({outcome.Reason}): finalUserStatus {outcome.Answer!.FinalUserStatus}, messageAction {outcome.Answer.MessageAction}"
            + (outcome.Answer.EnableSmsMfa is true ? ", enableSMSMFA" : string.Empty),
        OutcomeKind.Rejected => $"{Shouted(outcome)} ({outcome.Reason}): Cognito gives the client its generic answer",
        _ => $"{Shouted(outcome)} ({outcome.Reason})",
    };

    // The log line's own names (OutcomeNames), so a preview reads like the line the function would write.
    private static string Shouted(Outcome outcome) => outcome.Kind.WireName().ToUpperInvariant();

    private static void WriteSelection(Utf8JsonWriter w, SelectionVerdict? selection)
    {
        if (selection is null)
        {
            w.WriteNull("selection");
            return;
        }

        w.WriteStartObject("selection");
        w.WriteBoolean("selected", selection.Selected);
        w.WriteString("attribute", selection.Attribute);
        w.WriteString("match", selection.Match);
        w.WriteStartArray("values");
        foreach (var value in selection.Values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
        w.WriteBoolean("hasAttribute", selection.Value is not null);
        w.WriteStringOrNull("value", selection.Value);
        w.WriteEndObject();
    }

    private static void WriteJson(
        Utf8JsonWriter w, string name, string poolId, string mapSource, OldUser user,
        IReadOnlyDictionary<string, string>? attributes, string? oversized, List<PreviewCase> cases)
    {
        w.WriteNumber("exitCode", ExitCodes.Ok);
        w.WriteString("username", name);
        w.WriteString("oldUsername", user.Username);
        w.WriteString("oldPool", poolId);
        w.WriteString("map", mapSource);
        w.WriteBoolean("mapValid", true);
        w.WriteString("userStatus", user.UserStatus);
        w.WriteBoolean("enabled", user.Enabled);
        w.WriteAttributes("oldAttributes", user.Attributes);
        if (attributes is null)
        {
            w.WriteNull("newAttributes");
        }
        else
        {
            w.WriteAttributes("newAttributes", attributes.OrderBy(a => a.Key, StringComparer.Ordinal));
        }

        w.WriteStringOrNull("oversizedAttribute", oversized);
        w.WriteStartArray("answers");
        foreach (var c in cases)
        {
            w.WriteStartObject();
            w.WriteString("trigger", c.Trigger);
            w.WriteString("situation", c.Situation);
            w.WriteString("outcome", c.Outcome.Kind.WireName());
            w.WriteString("reason", c.Outcome.Reason);
            if (c.Outcome.Answer is { } answer)
            {
                w.WriteString("finalUserStatus", answer.FinalUserStatus);
                w.WriteString("messageAction", answer.MessageAction);
                w.WriteBoolean("enableSMSMFA", answer.EnableSmsMfa is true);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
