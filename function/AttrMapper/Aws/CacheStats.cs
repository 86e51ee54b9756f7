namespace AttrMapper.Aws;

/// <summary>Counts what a cache did, so the handler can log and count it. Never holds values.</summary>
internal sealed class CacheStats
{
    private long _fetches;
    private long _loads;
    private long _failures;
    private long _rejections;
    private string? _lastFailureType;

    /// <summary>Fetch attempts started (each one upstream call).</summary>
    public long Fetches => Interlocked.Read(ref _fetches);

    /// <summary>Fetches that produced a new usable value.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>Fetches that failed (error, timeout); the last-known-good value, if any, stayed in use.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Fetches whose data was rejected (invalid map); the last-known-good value, if any, stayed in use.</summary>
    public long Rejections => Interlocked.Read(ref _rejections);

    internal void Fetched() => Interlocked.Increment(ref _fetches);

    internal void Loaded() => Interlocked.Increment(ref _loads);

    /// <summary>Type name of the last fetch failure (e.g. ParameterNotFoundException, TimeoutException); never a message.</summary>
    public string? LastFailureType => Volatile.Read(ref _lastFailureType);

    internal void Failed(Exception e)
    {
        Volatile.Write(ref _lastFailureType, e is OperationCanceledException ? "Timeout" : e.GetType().Name);
        Interlocked.Increment(ref _failures);
    }

    internal void Rejected() => Interlocked.Increment(ref _rejections);

    public override string ToString() =>
        $"fetches={Fetches} loads={Loads} failures={Failures} rejections={Rejections} lastFailure={LastFailureType ?? "none"}";
}
