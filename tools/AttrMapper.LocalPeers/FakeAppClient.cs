namespace AttrMapper.LocalPeers;

/// <summary>
/// An app client of a scripted pool. Null <see cref="ReadAttributes"/> / <see cref="WriteAttributes"/> mean what they mean for a
/// real client created without them: every attribute readable, every mutable attribute writable (and DescribeUserPoolClient then
/// omits the field).
/// </summary>
public sealed class FakeAppClient
{
    public required string ClientId { get; init; }

    public string ClientName { get; init; } = "app";

    /// <summary>Attributes the client may read: the ID token carries only these (plus sub), as a real app client's ReadAttributes.</summary>
    public List<string>? ReadAttributes { get; set; }

    /// <summary>Attributes a signed-in user may write through this client (UpdateUserAttributes).</summary>
    public List<string>? WriteAttributes { get; set; }
}
