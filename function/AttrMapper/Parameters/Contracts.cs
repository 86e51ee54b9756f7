// CONTRACT (to be replaced by the real implementation, keep the public shape):
// namespace AttrMapper.Parameters
//
//   sealed record LoadedMap(AttributeMap Map, long ParameterVersion)
//   interface IMapSource
//       ValueTask<LoadedMap?> GetAsync(CancellationToken ct);   // null: nothing loaded and nothing loadable now
//       (TTL cache, single flight, last-known-good, never a cached failure; TimeProvider-driven)
//   interface ISecretSource
//       ValueTask<string?> GetAsync(CancellationToken ct);      // the old app client's secret, cached like the map
