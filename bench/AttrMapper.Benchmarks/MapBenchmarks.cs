using System.Text;
using AttrMapper.Mapping;
using BenchmarkDotNet.Attributes;

namespace AttrMapper.Benchmarks;

/// <summary>The §8 budget: applying a 50-rule map to 50 attributes (≤ 10 µs), and reading that map.</summary>
/// <remarks>Public and unsealed because BenchmarkDotNet derives its runner from the benchmark class.</remarks>
[MemoryDiagnoser]
public class MapBenchmarks
{
    private string _json = string.Empty;
    private byte[] _utf8 = [];
    private AttributeMap _map = null!;
    private List<KeyValuePair<string, string>> _source = [];

    /// <summary>
    /// 50 rules: 20 copies, 16 renames (one of sub), 10 defaults, 4 drops, with <c>unmapped: copy</c>.
    /// 50 attributes: what those rules read, half of the defaulted names present, 5 unnamed ones, sub.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var rules = new List<string>();
        var source = new List<KeyValuePair<string, string>>();
        foreach (var name in new[] { "email", "email_verified", "phone_number", "phone_number_verified", "given_name", "family_name", "name", "locale" })
        {
            rules.Add(Rule("copy", from: name));
            source.Add(new(name, name == "email_verified" || name == "phone_number_verified" ? "true" : "value-of-" + name));
        }

        for (var i = 0; i < 12; i++)
        {
            rules.Add(Rule("copy", from: $"custom:c{i:00}"));
            source.Add(new($"custom:c{i:00}", $"copied-{i}"));
        }

        for (var i = 0; i < 15; i++)
        {
            rules.Add(Rule("rename", from: $"custom:r{i:00}", to: $"custom:n{i:00}"));
            source.Add(new($"custom:r{i:00}", $"renamed-{i}"));
        }

        rules.Add(Rule("rename", from: "sub", to: "custom:legacy_sub"));
        source.Add(new("sub", "0b1e5f2a-7c1d-4e8a-9f00-123456789abc"));

        for (var i = 0; i < 10; i++)
        {
            rules.Add(Rule("default", to: $"custom:d{i:00}", value: $"default-{i}"));
            if (i < 5)
            {
                source.Add(new($"custom:d{i:00}", $"present-{i}"));
            }
        }

        for (var i = 0; i < 4; i++)
        {
            rules.Add(Rule("drop", from: $"custom:x{i:00}"));
            source.Add(new($"custom:x{i:00}", $"dropped-{i}"));
        }

        for (var i = 0; i < 5; i++)
        {
            source.Add(new($"custom:u{i:00}", $"unmapped-{i}"));
        }

        if (rules.Count != 50 || source.Count != 50)
        {
            throw new InvalidOperationException($"expected 50 rules and 50 attributes, got {rules.Count} and {source.Count}");
        }

        _json = $"{{ \"version\": 1, \"unmapped\": \"copy\", \"rules\": [ {string.Join(", ", rules)} ] }}";
        _utf8 = Encoding.UTF8.GetBytes(_json);
        var parsed = MapDocument.Parse(_json);
        _map = parsed.Map ?? throw new InvalidOperationException(string.Join("; ", parsed.Problems));
        _source = source;
    }

    [Benchmark(Description = "Apply: 50 rules x 50 attributes")]
    public IReadOnlyDictionary<string, string>? Apply() => _map.Apply(_source).Attributes;

    [Benchmark(Description = "Parse + validate 50 rules (UTF-8)")]
    public bool ParseUtf8() => MapDocument.Parse(_utf8).IsValid;

    [Benchmark(Description = "Parse + validate 50 rules (string)")]
    public bool ParseString() => MapDocument.Parse(_json).IsValid;

    private static string Rule(string op, string? from = null, string? to = null, string? value = null)
    {
        var json = new StringBuilder("{ \"op\": \"").Append(op).Append('"');
        if (from is not null)
        {
            json.Append(", \"from\": \"").Append(from).Append('"');
        }

        if (to is not null)
        {
            json.Append(", \"to\": \"").Append(to).Append('"');
        }

        if (value is not null)
        {
            json.Append(", \"value\": \"").Append(value).Append('"');
        }

        return json.Append(" }").ToString();
    }
}
