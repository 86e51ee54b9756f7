using AttrMapper.Mapping;

namespace AttrMapper.Parameters;

/// <summary>A validated attribute map with the Parameter Store version it was read from.</summary>
internal sealed record LoadedMap(AttributeMap Map, long ParameterVersion);
