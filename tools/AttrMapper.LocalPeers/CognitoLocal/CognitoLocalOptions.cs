namespace AttrMapper.LocalPeers.CognitoLocal;

/// <summary>How to run one cognito-local: which pools it holds, and where its UserMigration trigger goes.</summary>
public sealed class CognitoLocalOptions
{
    /// <summary>tools/cognito-local (package.json, package-lock.json and the node_modules `make tools` installs).</summary>
    public required string PackageDirectory { get; init; }

    /// <summary>
    /// Pools it starts with, under these ids (e.g. <c>eu-west-1_DemoOld01</c>). cognito-local's own CreateUserPool names every
    /// pool <c>local_xxxxxxxx</c>, which is not a real pool id and which the function rightly refuses; a pool seeded as a data file
    /// keeps the id it is given.
    /// </summary>
    public IReadOnlyList<string> UserPoolIds { get; init; } = [];

    /// <summary>
    /// Custom attributes (e.g. <c>custom:tenant_id</c>) of the pools it starts with. With any, each pool's schema is written out
    /// whole (Cognito's standard attributes, then these, as Strings): cognito-local reads a pool's schema from its data file, and its
    /// own AddCustomAttributes on a pool seeded without one leaves only the custom attributes, after which it refuses every
    /// standard attribute in AdminUpdateUserAttributes. GetCSVHeader of the import emulation lists these columns.
    /// </summary>
    public IReadOnlyList<string> CustomAttributes { get; init; } = [];

    /// <summary>Where its Lambda client sends trigger invocations (the Invoke API); null for a pool without triggers.</summary>
    public Uri? LambdaEndpoint { get; init; }

    /// <summary>The function name for TriggerFunctions.UserMigration; only with <see cref="LambdaEndpoint"/>.</summary>
    public string? UserMigrationFunction { get; init; }

    /// <summary>The function name for TriggerFunctions.PreTokenGeneration; only with <see cref="LambdaEndpoint"/>.</summary>
    public string? PreTokenGenerationFunction { get; init; }

    /// <summary>The function name for TriggerFunctions.PostAuthentication; only with <see cref="LambdaEndpoint"/>.</summary>
    public string? PostAuthenticationFunction { get; init; }

    /// <summary>
    /// Start node as the leader of its own process group (through setsid) and stop it by signalling the whole group. Tests want
    /// this; the demo does not, because scripts/demo.sh already runs everything in one group it can kill as a backstop.
    /// </summary>
    public bool OwnProcessGroup { get; init; }

    /// <summary>How long to wait for it to answer before giving up.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
