namespace AttrMapper.LambdaHost.Invocations;

/// <summary>Counts finished invocations and keeps the last few records for observation.</summary>
internal sealed class InvocationLog(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<InvocationRecord> _records = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add(InvocationRecord record)
    {
        lock (_lock)
        {
            _records.Enqueue(record);
            while (_records.Count > capacity)
            {
                _records.Dequeue();
            }

            _count++;
        }
    }

    public IReadOnlyList<InvocationRecord> Snapshot()
    {
        lock (_lock)
        {
            return [.. _records];
        }
    }
}
