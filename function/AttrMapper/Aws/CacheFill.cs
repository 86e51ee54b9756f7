namespace AttrMapper.Aws;

/// <summary>What one fill of a <see cref="RefreshingCache{T}"/> produced.</summary>
/// <param name="Value">The new value, or null when the fetched data was rejected (e.g. a map that does not validate).</param>
/// <param name="RefreshAt">When the value should be fetched again.</param>
/// <param name="UsableUntil">After this the value must not be served even as last-known-good (credentials); null: forever.</param>
internal readonly record struct CacheFill<T>(T? Value, DateTimeOffset RefreshAt, DateTimeOffset? UsableUntil)
    where T : class;
