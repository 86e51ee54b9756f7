namespace AttrMapper.Cli.Aws;

/// <summary>A stored map document as Parameter Store holds it.</summary>
internal sealed record StoredMap(string Document, long Version, string Type)
{
    // The document may be a SecureString: keep it out of ToString.
    public override string ToString() => $"StoredMap {{ Version = {Version}, Type = {Type}, Length = {Document.Length} }}";
}
