namespace AttrMapper.Cli.Progress;

/// <summary>A one-line progress bar on stderr, redrawn in place; a no-op unless stderr is a terminal outside CI.</summary>
internal sealed class ProgressBar(TextWriter error, bool enabled)
{
    private const int Width = 30;
    private int _lastLength;

    public bool Enabled => enabled;

    /// <param name="label">e.g. "old pool eu-west-1_X".</param>
    /// <param name="done">Users listed so far.</param>
    /// <param name="estimate">Cognito's estimate of the pool's size; the bar is drawn only with one.</param>
    public void Draw(string label, long done, long? estimate)
    {
        if (!enabled)
        {
            return;
        }

        string line;
        if (estimate is > 0 and var total)
        {
            var filled = (int)Math.Min(Width, done * Width / total);
            line = $"{label} [{new string('#', filled)}{new string('.', Width - filled)}] {done}/~{total}";
        }
        else
        {
            line = $"{label}: {done} users listed";
        }

        error.Write("\r" + line.PadRight(_lastLength));
        _lastLength = line.Length;
        error.Flush();
    }

    public void Clear()
    {
        if (enabled && _lastLength > 0)
        {
            error.Write("\r" + new string(' ', _lastLength) + "\r");
            error.Flush();
            _lastLength = 0;
        }
    }
}
