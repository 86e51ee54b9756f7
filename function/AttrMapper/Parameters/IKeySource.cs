namespace AttrMapper.Parameters;

/// <summary>The function's own key (KEY_PARAMETER), cached like the client secret.</summary>
internal interface IKeySource
{
    /// <summary>The key now, never waiting; null until it has loaded (a load is started behind the call).</summary>
    FunctionKey? Peek();

    /// <summary>The key, waiting for a load within <paramref name="ct"/> when none is held; null when none is loadable.</summary>
    ValueTask<FunctionKey?> GetAsync(CancellationToken ct);
}
