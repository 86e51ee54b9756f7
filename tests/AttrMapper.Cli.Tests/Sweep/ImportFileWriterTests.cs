using AttrMapper.Cli.Sweep;
using AttrMapper.LocalPeers;
using CsCheck;

namespace AttrMapper.Cli.Tests.Sweep;

/// <summary>Import files split at the users and bytes limits, every line kept, in order, each file starting with the header.</summary>
public sealed class ImportFileWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("attrmapper-writer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Add_AnyLinesAndLimits_SplitsWithinBothLimitsAndKeepsEveryLineInOrder()
    {
        var lines = Gen.Char['a', 'z'].Array[1, 40].Select(c => new string(c)).Array[0, 60];
        Gen.Select(lines, Gen.Int[1, 10], Gen.Int[64, 400]).Sample((given, maxUsers, maxBytes) =>
        {
            // Samples run in parallel: each writes into its own directory.
            var dir = Directory.CreateDirectory(Path.Combine(_dir, Guid.NewGuid().ToString("N"))).FullName;

            var limits = new ImportFileLimits(maxUsers, maxBytes, 16_000);
            using var writer = new ImportFileWriter(dir, "h1,h2", limits, firstIndex: 7);
            foreach (var line in given)
            {
                writer.Add(line);
            }

            var files = writer.Complete();
            var read = new List<string>();
            foreach (var file in files)
            {
                var bytes = File.ReadAllBytes(Path.Combine(dir, file.Name));
                bytes.LongLength.ShouldBe(file.Bytes);
                bytes.LongLength.ShouldBeLessThanOrEqualTo(maxBytes);
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)).ShouldBe(file.Sha256);
                var records = ImportCsv.Read(System.Text.Encoding.UTF8.GetString(bytes));
                records[0].Values.ShouldBe(["h1", "h2"]);
                (records.Count - 1).ShouldBe(file.Users);
                file.Users.ShouldBeInRange(1, maxUsers);
                read.AddRange(records.Skip(1).Select(r => r.Values.Single()));
            }

            read.ShouldBe(given);
            files.Select(f => f.Name).ShouldBe(files.Select((_, i) => ImportFileWriter.FileName(7 + i)));
        }, iter: 200);
    }
}
