namespace AttrMapper.RuntimeBench;

/// <summary>One way of running the same function code: its executable, extra environment, and deployment zip.</summary>
/// <param name="Name">Column heading in the results.</param>
/// <param name="Executable">The file that is exec'd (the AOT bootstrap, or the framework-dependent apphost).</param>
/// <param name="Environment">Added to the §3 environment (e.g. DOTNET_ROOT for the apphost, or a GC knob under trial).</param>
/// <param name="Zip">The deployment zip of this publish.</param>
internal sealed record Variant(string Name, string Executable, IReadOnlyDictionary<string, string> Environment, string Zip);
