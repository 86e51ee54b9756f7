using System.Text.RegularExpressions;

namespace AttrMapper.Tests.Architecture;

/// <summary>
/// The layering of docs/architecture.md, read from the sources: every <c>using</c> and every fully-qualified
/// <c>AttrMapper.X</c> reference in a folder of function/AttrMapper must point at a namespace that folder may use.
/// </summary>
public sealed partial class DependencyTests
{
    private static readonly string FunctionRoot = RepositoryFiles.PathOf(Path.Combine("function", "AttrMapper"));

    /// <summary>Who may use whom: a layer may use only the layers listed for it (its own always).</summary>
    public static TheoryData<string, string[]> Allowed => new()
    {
        // The loop knows bytes and request ids: nothing of the function's own.
        { "Runtime", [] },
        // The engine is pure.
        { "Mapping", [] },
        { "Aws", [] },
        { "Configuration", ["Aws"] },
        { "Parameters", ["Aws", "Mapping"] },
        // A sign-in's ID token is decoded by the pure engine's claim reader, so no token leaves the client.
        { "Cognito", ["Aws", "Parameters", "Mapping"] },
        // The log line is a sink: it knows no trigger, handler or loop.
        { "Logging", ["Aws", "Configuration", "Parameters"] },
        // The dispatch and the handler contract: no handler, no loop.
        { "Triggers", ["Logging"] },
        // A handler per trigger: the contract and everything below it, never the loop or the composition root.
        { "Migration", ["Groups", "Triggers", "Logging", "Mapping", "Cognito", "Parameters", "Configuration", "Aws"] },
        // The new pool's other triggers (pre token generation, settle) and the marker: a handler folder like Migration.
        { "Groups", ["Triggers", "Logging", "Mapping", "Cognito", "Parameters", "Configuration", "Aws"] },
        // The composition root, beside the entry point: the only layer that knows them all, used by none.
        { "Hosting", ["Runtime", "Triggers", "Migration", "Groups", "Logging", "Mapping", "Cognito", "Parameters", "Configuration", "Aws"] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Layer_UsesOnlyTheLayersBelowIt(string layer, string[] allowed)
    {
        var files = SourcesOf(layer);
        files.ShouldNotBeEmpty();

        var offences = files
            .SelectMany(file => ReferencedLayers(File.ReadAllText(file))
                .Where(used => used != layer && !allowed.Contains(used))
                .Select(used => $"{Relative(file)} uses AttrMapper.{used}"))
            .ToList();

        offences.ShouldBeEmpty();
    }

    [Fact]
    public void Layers_EveryFolderOfTheFunctionHasARule()
    {
        var folders = Directory.GetDirectories(FunctionRoot)
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .Order(StringComparer.Ordinal);

        folders.ShouldBe(Allowed.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Runtime")]
    [InlineData("Mapping")]
    [InlineData("Logging")]
    public void Layer_UsesNoAwsSdk(string layer)
    {
        var offences = SourcesOf(layer)
            .Where(file => AwsSdk().IsMatch(File.ReadAllText(file)))
            .Select(Relative)
            .ToList();

        offences.ShouldBeEmpty();
    }

    [Fact]
    public void Mapping_DoesNoIoAndReadsNoClock()
    {
        // Implicit usings bring System.IO and System.Net.Http into every file, so the names themselves are checked.
        var offences = SourcesOf("Mapping")
            .SelectMany(file => ImpureName().Matches(File.ReadAllText(file)).Select(m => $"{Relative(file)}: {m.Value}")
                .Concat(UsingLine().Matches(File.ReadAllText(file))
                    .Select(m => m.Groups["ns"].Value)
                    .Where(ns => ns.StartsWith("System.Net", StringComparison.Ordinal) || ns.StartsWith("System.IO", StringComparison.Ordinal)
                        || ns.StartsWith("System.Diagnostics", StringComparison.Ordinal) || ns.StartsWith("System.Threading", StringComparison.Ordinal))
                    .Select(ns => $"{Relative(file)}: using {ns}")))
            .ToList();

        offences.ShouldBeEmpty();
    }

    [Fact]
    public void Runtime_UsesOnlySystemNamespaces()
    {
        var offences = SourcesOf("Runtime")
            .SelectMany(file => UsingLine().Matches(File.ReadAllText(file))
                .Select(m => m.Groups["ns"].Value)
                .Where(ns => ns != "System" && !ns.StartsWith("System.", StringComparison.Ordinal) && !ns.StartsWith("AttrMapper.Runtime", StringComparison.Ordinal))
                .Select(ns => $"{Relative(file)}: using {ns}"))
            .ToList();

        offences.ShouldBeEmpty();
    }

    [Fact]
    public void ReferencedLayers_SeesUsingsAndQualifiedNames()
    {
        ReferencedLayers("using AttrMapper.Migration;\nvar x = global::AttrMapper.Logging.OutcomeKind.Fault; // AttrMapper.Tests is not a layer")
            .ShouldBe(["Migration", "Logging", "Tests"], ignoreOrder: true);
    }

    private static List<string> SourcesOf(string layer) =>
        Directory.EnumerateFiles(Path.Combine(FunctionRoot, layer), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

    private static HashSet<string> ReferencedLayers(string source) =>
        Qualified().Matches(source).Select(m => m.Groups["layer"].Value).ToHashSet(StringComparer.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(RepositoryFiles.Root, file);

    [GeneratedRegex(@"\bAttrMapper\.(?<layer>[A-Z][A-Za-z]*)\b")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?(?<ns>[A-Za-z_][A-Za-z0-9_.]*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"\bAmazon\.")]
    private static partial Regex AwsSdk();

    [GeneratedRegex(@"\b(HttpClient|HttpMessageHandler|Socket|File|Directory|FileStream|Stream|Console|Environment|TimeProvider|DateTime|DateTimeOffset\.(Now|UtcNow)|Task\.Delay|Random)\b")]
    private static partial Regex ImpureName();
}
