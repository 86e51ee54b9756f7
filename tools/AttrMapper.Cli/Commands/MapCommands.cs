using System.CommandLine;
using System.Text;
using AttrMapper.Cli.Aws;
using AttrMapper.Cli.Maps;
using AttrMapper.Cli.Output;
using AttrMapper.Cognito;
using AttrMapper.Mapping;

namespace AttrMapper.Cli.Commands;

/// <summary><c>map validate | push | pull | diff</c>: the map's life from a file to Parameter Store.</summary>
internal static class MapCommands
{
    public static Command Validate(CliContext context)
    {
        var file = CommonOptions.MapFile();
        var pool = new Option<string>("--pool") { Description = "NEW pool id: also check every target against its schema (DescribeUserPool)" };
        var oldPool = new Option<string>("--old-pool") { Description = "OLD pool id (with --pool): also warn about old attributes the map drops, and check the select attribute exists there" };
        var oldClient = new Option<string>("--old-client") { Description = "OLD app client id (with --old-pool): check an IdToken map's attributes are readable by it" };
        var json = CommonOptions.Json();
        var command = new Command("validate", "Check a map file offline: every problem with its JSON path and a hint. Exit 1 if invalid.")
        {
            file, pool, oldPool, oldClient, json,
        };
        command.SetAction((parse, ct) => CommandRun.RunAsync(context, parse.GetValue(json), async session =>
        {
            var path = parse.GetRequiredValue(file);
            var newPoolId = parse.GetValue(pool);
            var oldPoolId = parse.GetValue(oldPool);
            if (oldPoolId is not null && newPoolId is null)
            {
                throw CliException.Usage("--old-pool needs --pool", "give the new pool too: --pool NEW --old-pool OLD");
            }

            var document = LoadedDocument.From(MapFile.Read(path));
            var findings = document.Findings();
            if (document.IsValid && newPoolId is not null)
            {
                var newPool = await DescribeAsync(session, newPoolId, "new pool", ct).ConfigureAwait(false);
                var old = oldPoolId is null ? null : await DescribeAsync(session, oldPoolId, "old pool", ct).ConfigureAwait(false);
                findings.AddRange(SchemaCheck.Check(document.Draft!, newPool, old));
                if (old is not null && SchemaCheck.CheckSelect(document.Result.Map!.Select, old) is { } select)
                {
                    findings.Add(select);
                }

                if (document.Draft!.Groups is { } groups)
                {
                    findings.AddRange(await CheckGroupsAsync(session, groups, newPool, oldPoolId, ct).ConfigureAwait(false));
                }

                if (old is not null && document.Result.Map is { AttributeSource: AttributeSource.IdToken } map)
                {
                    var clientId = parse.GetValue(oldClient);
                    var readable = clientId is null ? null : await ReadAttributesAsync(session, oldPoolId!, clientId, ct).ConfigureAwait(false);
                    findings.AddRange(IdTokenCheck.Check(map, document.Draft!, old, clientId, readable));
                }
            }

            var valid = findings.All(f => f.Severity != Severity.Error);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Out, w =>
                {
                    w.WriteNumber("exitCode", valid ? ExitCodes.Ok : ExitCodes.Invalid);
                    w.WriteString("file", path);
                    w.WriteBoolean("valid", valid);
                    w.WriteNumber("rules", document.Draft?.Rules.Count ?? 0);
                    w.WriteStringOrNull("pool", newPoolId);
                    w.WriteStringOrNull("oldPool", oldPoolId);
                    FindingsOutput.Json(w, findings);
                });
            }
            else
            {
                var checkedAgainst = newPoolId is null ? string.Empty : $" against pool {newPoolId}";
                context.Out.WriteLine(valid
                    ? $"{path}: valid{checkedAgainst} ({document.Draft!.Rules.Count} rules; {FindingsOutput.Summary(findings)})"
                    : $"{path}: INVALID{checkedAgainst} ({FindingsOutput.Summary(findings)})");
                FindingsOutput.Human(context.Out, findings);
            }

            return valid ? ExitCodes.Ok : ExitCodes.Invalid;
        }, ct));
        return command;
    }

    public static Command Push(CliContext context)
    {
        var file = CommonOptions.MapFile();
        var parameter = CommonOptions.Parameter(required: true);
        var json = CommonOptions.Json();
        var command = new Command("push", "Validate a map file and, only if it is valid, write it to the parameter (PutParameter, Overwrite). Prints the new version.")
        {
            file, parameter, json,
        };
        command.SetAction((parse, ct) => CommandRun.RunAsync(context, parse.GetValue(json), async session =>
        {
            var path = parse.GetRequiredValue(file);
            var name = parse.GetRequiredValue(parameter);
            var bytes = MapFile.Read(path);
            var document = LoadedDocument.From(bytes);
            var findings = document.Findings();
            if (!document.IsValid)
            {
                // Nothing is written: an invalid map in the parameter would be ignored by the function anyway, and hide the next edit.
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(context.Out, w =>
                    {
                        w.WriteNumber("exitCode", ExitCodes.Invalid);
                        w.WriteString("file", path);
                        w.WriteString("parameter", name);
                        w.WriteBoolean("pushed", false);
                        FindingsOutput.Json(w, findings);
                    });
                }
                else
                {
                    context.Out.WriteLine($"{path}: INVALID ({FindingsOutput.Summary(findings)}); nothing was written to {name}");
                    FindingsOutput.Human(context.Out, findings);
                }

                return ExitCodes.Invalid;
            }

            var store = new MapParameter(session.Ssm(), name);
            var before = await store.TryGetAsync(ct).ConfigureAwait(false);
            var text = Encoding.UTF8.GetString(bytes);
            var version = await store.PutAsync(text, before is not null, ct).ConfigureAwait(false);
            var unchanged = before is not null && before.Document == text;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Out, w =>
                {
                    w.WriteNumber("exitCode", ExitCodes.Ok);
                    w.WriteString("file", path);
                    w.WriteString("parameter", name);
                    w.WriteBoolean("pushed", true);
                    w.WriteNumber("version", version);
                    if (before is null)
                    {
                        w.WriteNull("previousVersion");
                    }
                    else
                    {
                        w.WriteNumber("previousVersion", before.Version);
                    }

                    w.WriteBoolean("sameText", unchanged);
                    FindingsOutput.Json(w, findings);
                });
            }
            else
            {
                var was = before is null ? "new parameter" : $"was version {before.Version}{(unchanged ? ", same text" : string.Empty)}";
                context.Out.WriteLine($"pushed {path} to {name}: version {version} ({was})");
                FindingsOutput.Human(context.Out, findings);
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    public static Command Pull(CliContext context)
    {
        var parameter = CommonOptions.Parameter(required: true);
        var output = new Option<string>("--output", "-o") { Description = "Write the document to this file instead of stdout" };
        var json = CommonOptions.Json();
        var command = new Command("pull", "Print the stored map document exactly as stored (or write it with --output); says on stderr if it is invalid.")
        {
            parameter, output, json,
        };
        command.SetAction((parse, ct) => CommandRun.RunAsync(context, parse.GetValue(json), async session =>
        {
            var name = parse.GetRequiredValue(parameter);
            var stored = await new MapParameter(session.Ssm(), name).GetAsync(ct).ConfigureAwait(false);
            var document = LoadedDocument.From(Encoding.UTF8.GetBytes(stored.Document));
            var findings = document.Findings();
            var file = parse.GetValue(output);
            if (file is not null)
            {
                try
                {
                    await File.WriteAllTextAsync(file, stored.Document, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    throw new CliException(ExitCodes.Usage, "file", $"{file}: cannot be written ({e.GetType().Name})", "check the path and its permissions");
                }
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Out, w =>
                {
                    w.WriteNumber("exitCode", ExitCodes.Ok);
                    w.WriteString("parameter", name);
                    w.WriteNumber("version", stored.Version);
                    w.WriteString("type", stored.Type);
                    w.WriteBoolean("valid", document.IsValid);
                    w.WriteStringOrNull("output", file);
                    w.WriteString("document", stored.Document);
                    FindingsOutput.Json(w, findings);
                });
            }
            else
            {
                if (file is null)
                {
                    context.Out.Write(stored.Document);
                    if (!stored.Document.EndsWith('\n'))
                    {
                        context.Out.WriteLine();
                    }
                }

                context.Error.WriteLine($"{name}: version {stored.Version}, {(document.IsValid ? "valid" : "INVALID: the function ignores it and keeps its last good map")}"
                    + (file is null ? string.Empty : $", written to {file}"));
                if (!document.IsValid)
                {
                    FindingsOutput.Human(context.Error, findings);
                }
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    public static Command Diff(CliContext context)
    {
        var file = CommonOptions.MapFile();
        var parameter = CommonOptions.Parameter(required: true);
        var json = CommonOptions.Json();
        var command = new Command("diff", "Show what pushing FILE would change in the stored map, rule by rule and setting by setting. Exit 0 no difference, 1 difference.")
        {
            file, parameter, json,
        };
        command.SetAction((parse, ct) => CommandRun.RunAsync(context, parse.GetValue(json), async session =>
        {
            var path = parse.GetRequiredValue(file);
            var name = parse.GetRequiredValue(parameter);
            var localBytes = MapFile.Read(path);
            var local = LoadedDocument.From(localBytes);
            var stored = await new MapParameter(session.Ssm(), name).GetAsync(ct).ConfigureAwait(false);
            var storedDocument = LoadedDocument.From(Encoding.UTF8.GetBytes(stored.Document));
            var changes = MapDiff.Compare(storedDocument.Draft ?? new MapDraft(), local.Draft ?? new MapDraft());

            // Different only in layout or rule order is no difference in behaviour; an invalid side always is one.
            var differs = changes.Count > 0 || !local.IsValid || !storedDocument.IsValid;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Out, w =>
                {
                    w.WriteNumber("exitCode", differs ? ExitCodes.Invalid : ExitCodes.Ok);
                    w.WriteString("file", path);
                    w.WriteString("parameter", name);
                    w.WriteNumber("version", stored.Version);
                    w.WriteBoolean("different", differs);
                    w.WriteBoolean("sameText", stored.Document == Encoding.UTF8.GetString(localBytes));
                    w.WriteBoolean("localValid", local.IsValid);
                    w.WriteBoolean("storedValid", storedDocument.IsValid);
                    w.WriteStartArray("changes");
                    foreach (var c in changes)
                    {
                        w.WriteStartObject();
                        w.WriteString("kind", c.Kind.ToString().ToLowerInvariant());
                        w.WriteString("subject", c.Subject);
                        w.WriteStringOrNull("before", c.Before);
                        w.WriteStringOrNull("after", c.After);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                context.Out.WriteLine(changes.Count == 0
                    ? $"{name} (version {stored.Version}) and {path}: no difference in rules or settings"
                    : $"{name} (version {stored.Version}) -> {path}: {changes.Count} change{(changes.Count == 1 ? string.Empty : "s")}");
                foreach (var c in changes)
                {
                    context.Out.WriteLine(c.Kind switch
                    {
                        ChangeKind.Added => $"  + {c.Subject}",
                        ChangeKind.Removed => $"  - {c.Subject}",
                        _ => $"  ~ {c.Subject}: {c.Before} -> {c.After}",
                    });
                }

                if (!storedDocument.IsValid)
                {
                    context.Out.WriteLine($"  ! the stored map is INVALID (the function ignores it): {FindingsOutput.Summary(storedDocument.Findings())}");
                }

                if (!local.IsValid)
                {
                    context.Out.WriteLine($"  ! {path} is INVALID and would not be pushed:");
                    FindingsOutput.Human(context.Out, local.Findings());
                }
            }

            return differs ? ExitCodes.Invalid : ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static async Task<IReadOnlyList<string>?> ReadAttributesAsync(AwsSession session, string poolId, string clientId, CancellationToken ct)
    {
        try
        {
            return await session.Admin(poolId).ReadAttributesAsync(clientId, ct).ConfigureAwait(false);
        }
        catch (CognitoException e)
        {
            throw AwsFailures.FromCognito(e, $"old app client {clientId} of {poolId}");
        }
    }

    /// <summary>The new pool's groups and app clients (ListGroups, ListUserPoolClients, DescribeUserPoolClient each), the old pool's groups with --old-pool.</summary>
    private static async Task<List<Finding>> CheckGroupsAsync(AwsSession session, GroupsDraft groups, UserPoolDescription newPool, string? oldPoolId, CancellationToken ct)
    {
        var where = $"new pool {newPool.Id}";
        try
        {
            var admin = session.Groups(newPool.Id);
            var newGroups = await admin.GroupNamesAsync(ct).ConfigureAwait(false);
            var clients = new List<GroupsCheck.ClientWrites>();
            foreach (var (clientId, clientName) in await admin.ClientsAsync(ct).ConfigureAwait(false))
            {
                clients.Add(new(clientId, clientName, await admin.WriteAttributesAsync(clientId, ct).ConfigureAwait(false)));
            }

            IReadOnlyList<string>? oldGroups = null;
            if (oldPoolId is not null)
            {
                where = $"old pool {oldPoolId}";
                oldGroups = await session.Groups(oldPoolId).GroupNamesAsync(ct).ConfigureAwait(false);
            }

            return GroupsCheck.Check(groups, newPool, newGroups, clients, oldPoolId, oldGroups);
        }
        catch (CognitoException e)
        {
            throw AwsFailures.FromCognito(e, where);
        }
    }

    internal static async Task<UserPoolDescription> DescribeAsync(AwsSession session, string poolId, string role, CancellationToken ct)
    {
        try
        {
            return await session.Admin(poolId).DescribeUserPoolAsync(ct).ConfigureAwait(false);
        }
        catch (CognitoException e)
        {
            throw AwsFailures.FromCognito(e, $"{role} {poolId}");
        }
    }
}
