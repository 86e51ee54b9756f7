using System.Text.Json.Serialization;

namespace AttrMapper.Tests.Mapping;

/// <summary>Source-generated JSON for the test helpers (string escaping only), so tests follow the no-reflection rule too.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class MapTextJson : JsonSerializerContext;
