using AttrMapper.LambdaHost;

namespace AttrMapper.Demo.Stack;

/// <summary>What <see cref="LocalSplitStack"/> runs.</summary>
public sealed class SplitStackOptions
{
    public required string RepositoryRoot { get; init; }

    public required string BootstrapPath { get; init; }

    /// <summary>The tenants (values of the old users' custom:tenant), one new pool each.</summary>
    public IReadOnlyList<string> Tenants { get; init; } = ["acme", "globex"];

    public string KeyParameterName { get; init; } = "/attrmapper/split/function-key";

    /// <summary>Whether each cognito-local gets its own process group (tests) or stays in the caller's (the demo script's).</summary>
    public bool OwnProcessGroups { get; init; }

    /// <summary>Every line the functions (and the hosts, about them) print.</summary>
    public Action<OutputLine>? FunctionOutput { get; init; }
}
