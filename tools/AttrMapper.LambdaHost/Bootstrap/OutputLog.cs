namespace AttrMapper.LambdaHost.Bootstrap;

/// <summary>Keeps the last lines of output for observation and forwards each line to the caller's sink.</summary>
internal sealed class OutputLog(int capacity, Action<OutputLine>? sink, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Queue<OutputLine> _lines = new();
    private readonly List<(Func<OutputLine, bool> Match, TaskCompletionSource<OutputLine> Done)> _waiters = [];

    public void Add(OutputSource source, int processId, string text)
    {
        var line = new OutputLine(time.GetUtcNow(), source, processId, text);
        List<TaskCompletionSource<OutputLine>>? matched = null;
        lock (_lock)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    (matched ??= []).Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        try
        {
            sink?.Invoke(line);
        }
#pragma warning disable CA1031 // A faulty sink runs on a pipe-reader thread: letting it throw would kill the host.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        // After the sink: whoever waited for this line finds it forwarded too.
        matched?.ForEach(done => done.TrySetResult(line));
    }

    public IReadOnlyList<OutputLine> Snapshot()
    {
        lock (_lock)
        {
            return [.. _lines];
        }
    }

    public Task<OutputLine> WaitForAsync(Func<OutputLine, bool> match, CancellationToken ct)
    {
        var done = new TaskCompletionSource<OutputLine>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            foreach (var line in _lines)
            {
                if (match(line))
                {
                    return Task.FromResult(line);
                }
            }

            _waiters.Add((match, done));
        }

        return WaitAsync(match, done, ct);
    }

    private async Task<OutputLine> WaitAsync(Func<OutputLine, bool> match, TaskCompletionSource<OutputLine> done, CancellationToken ct)
    {
        try
        {
            return await done.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _waiters.Remove((match, done));
            }
        }
    }
}
