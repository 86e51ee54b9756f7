namespace AttrMapper.Cli.Sweep;

/// <summary>
/// The old users a sweep does not import, written as they are decided to <see cref="FileName"/> (<c>reason,username</c>,
/// usernames only, never an attribute) and counted by reason: nobody is dropped without a line saying why.
/// </summary>
internal sealed class NotTakenLog : IDisposable
{
    public const string FileName = "not-taken.csv";

    /// <summary>The user is in the new pool already (signed in, or imported by an earlier job).</summary>
    public const string InNewPool = "in_new_pool";

    /// <summary>The map emits an attribute the new pool's import header has no column for.</summary>
    public const string NoImportColumn = "no_import_column";

    /// <summary>The user's row is longer than the import takes.</summary>
    public const string RowTooLong = "row_too_long";

    private readonly StreamWriter _writer;

    public NotTakenLog(string directory)
    {
        _writer = new StreamWriter(Path.Combine(directory, FileName), append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        _writer.WriteLine("reason,username");
    }

    public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    public void Add(string reason, string username)
    {
        Counts[reason] = Counts.GetValueOrDefault(reason) + 1;
        _writer.WriteLine(reason + "," + ImportCsvFormat.Escape(username));
    }

    public void Dispose() => _writer.Dispose();
}
