using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AttrMapper.Cli.Sweep;

/// <summary>
/// Writes import lines into files of at most <see cref="ImportFileLimits"/> users and bytes, each starting with the
/// header, as the lines arrive (nothing is held but the current line); each file's SHA-256 is taken while writing.
/// </summary>
internal sealed class ImportFileWriter(string directory, string headerLine, ImportFileLimits limits, int firstIndex) : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly byte[] _header = Utf8.GetBytes(headerLine);
    private readonly List<SweepFile> _files = [];
    private FileStream? _stream;
    private IncrementalHash? _hash;
    private string? _name;
    private long _bytes;
    private int _users;
    private int _next = firstIndex;

    public static string FileName(int index) => "users-" + index.ToString("D4", CultureInfo.InvariantCulture) + ".csv";

    /// <summary>The files completed so far.</summary>
    public IReadOnlyList<SweepFile> Files => _files;

    public long Users { get; private set; }

    public void Add(string line)
    {
        var bytes = Utf8.GetBytes(line);
        var size = bytes.Length + NewLine.Length;
        if (_stream is not null && (_users >= limits.MaxUsersPerFile || _bytes + size > limits.MaxBytesPerFile))
        {
            Close();
        }

        if (_stream is null)
        {
            Open();
            if (_bytes + size > limits.MaxBytesPerFile)
            {
                throw new InvalidOperationException("a single row exceeds the file's byte limit");
            }
        }

        Write(bytes);
        Write(NewLine);
        _users++;
        Users++;
    }

    /// <summary>Closes the last file; returns every file written.</summary>
    public IReadOnlyList<SweepFile> Complete()
    {
        Close();
        return _files;
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _hash?.Dispose();
    }

    private void Open()
    {
        _name = FileName(_next++);
        _stream = new FileStream(Path.Combine(directory, _name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        _bytes = 0;
        _users = 0;
        Write(_header);
        Write(NewLine);
    }

    private void Write(byte[] bytes)
    {
        _stream!.Write(bytes);
        _hash!.AppendData(bytes);
        _bytes += bytes.Length;
    }

    private void Close()
    {
        if (_stream is null)
        {
            return;
        }

        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        _files.Add(new SweepFile { Name = _name!, Sha256 = Convert.ToHexStringLower(_hash!.GetHashAndReset()), Users = _users, Bytes = _bytes });
        _hash.Dispose();
        _stream = null;
        _hash = null;
    }
}
