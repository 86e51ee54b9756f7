namespace AttrMapper.Demo.Stack;

/// <summary>What a local stack has started, stopped newest first; a failure to stop one does not keep the rest running.</summary>
internal sealed class StartedProcesses(string stackName) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _started = [];
    private int _disposed;

    /// <summary>Keeps <paramref name="started"/> to stop it with the rest, and returns it.</summary>
    public T Keep<T>(T started)
        where T : IAsyncDisposable
    {
        _started.Add(started);
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        List<Exception> errors = [];
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            try
            {
                await _started[i].DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                errors.Add(e); // keep stopping the rest
            }
        }

        if (errors.Count > 0)
        {
            throw new AggregateException($"Stopping the {stackName} failed", errors);
        }
    }
}
