using AttrMapper.Cli.Sweep;
using AttrMapper.LocalPeers;
using CsCheck;

namespace AttrMapper.Cli.Tests.Sweep;

/// <summary>The import line's escaping and column order, read back by the import's own reader (the scripted peer's).</summary>
public sealed class ImportCsvFormatTests
{
    // Pieces that stress the escaping: separators, quotes, backslashes, every line break, non-ASCII (incl. a surrogate pair).
    private static readonly Gen<string> Tricky = Gen.OneOf<string>(",", "\"", "\\", "\n", "\r\n", "\r", "a", "Z9", " ", "é", "€", "😀", "\"\"", "\\,", "\t")
        .Array[0, 8].Select(parts => string.Concat(parts));

    private static readonly Gen<string> Value = Gen.Frequency((3, Tricky), (1, Gen.String), (1, Gen.Const(string.Empty)));

    private static IReadOnlyList<string> ReadOne(string text)
    {
        var records = ImportCsv.Read(text);
        records.Count.ShouldBe(1, text);
        return records[0].Values;
    }

    [Fact]
    public void Escape_AnyValues_ReadBackExactlyByTheImportsReader()
    {
        Value.Array[2, 6].Sample(values =>
        {
            var line = string.Join(',', values.Select(ImportCsvFormat.Escape)) + "\n";
            ReadOne(line).ShouldBe(values);
        });
    }

    [Fact]
    public void Line_AnyHeaderOrderAndAttributes_PutsEachValueInItsColumn()
    {
        var names = new[] { "name", "email", "email_verified", "phone_number", "custom:tenant_id", "address" };
        string[] all = ["cognito:username", "cognito:mfa_enabled", .. names];
        var header = Gen.Shuffle(all);
        var attributes = Gen.Select(Gen.Bool.Array[names.Length], Value.Array[names.Length]);
        Gen.Select(header, attributes, Tricky.Where(u => u.Length > 0)).Sample((columns, chosen, username) =>
        {
            var (present, values) = chosen;
            var emitted = names.Select((n, i) => (n, i)).Where(p => present[p.i] && !p.n.EndsWith("_verified", StringComparison.Ordinal))
                .ToDictionary(p => p.n, p => values[p.i], StringComparer.Ordinal);
            var (line, missing) = ImportCsvFormat.Line(columns, username, emitted);

            missing.ShouldBeNull();
            var read = ReadOne(line + "\n");
            read.Count.ShouldBe(columns.Length);
            for (var i = 0; i < columns.Length; i++)
            {
                read[i].ShouldBe(columns[i] switch
                {
                    "cognito:username" => username,
                    "cognito:mfa_enabled" => "false",
                    var c => emitted.GetValueOrDefault(c, string.Empty),
                }, columns[i]);
            }
        });
    }

    [Theory]
    [InlineData("True", "true")]
    [InlineData("FALSE", "false")]
    [InlineData("true", "true")]
    [InlineData("", "")]
    public void Line_VerifiedFlags_AreWrittenAsTheImportsBooleans(string given, string written)
    {
        string[] header = ["email", "email_verified", "cognito:mfa_enabled", "cognito:username"];
        var (line, _) = ImportCsvFormat.Line(header, "u", new Dictionary<string, string> { ["email"] = "u@example.com", ["email_verified"] = given });

        ReadOne(line + "\n").ShouldBe(["u@example.com", written, "false", "u"]);
    }

    [Fact]
    public void Line_AttributeWithoutAColumn_NamesIt()
    {
        var (line, missing) = ImportCsvFormat.Line(["email", "cognito:username", "cognito:mfa_enabled"], "u",
            new Dictionary<string, string> { ["email"] = "u@example.com", ["custom:plan"] = "pro" });

        line.ShouldBeNull();
        missing.ShouldBe("custom:plan");
    }

    [Fact]
    public void Escape_CommaAndBackslash_AreEscapedAsCognitoDocumentsAndNeverQuoted()
    {
        ImportCsvFormat.Escape("Smith, John").ShouldBe("Smith\\, John");
        ImportCsvFormat.Escape("a\\b").ShouldBe("a\\\\b");
        ImportCsvFormat.Escape("plain").ShouldBe("plain");
        ImportCsvFormat.Escape("two\nlines").ShouldBe("\"two\nlines\"");
    }
}
