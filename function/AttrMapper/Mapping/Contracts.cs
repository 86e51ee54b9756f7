// CONTRACT (to be replaced by the real implementation, keep the public shape):
// namespace AttrMapper.Mapping
//
//   sealed record MapProblem(string Path, string Message, string Hint)
//       Path is a JSON path like "$.rules[3].to"; Message never contains an attribute *value* from a user.
//
//   static class MapDocument
//       static MapParseResult Parse(string json)
//       static MapParseResult Parse(ReadOnlySpan<byte> utf8Json)
//
//   sealed record MapParseResult(AttributeMap? Map, IReadOnlyList<MapProblem> Problems) { bool IsValid => Map is not null; }
//
//   sealed class AttributeMap   (only ever built by MapDocument.Parse from a valid document; immutable)
//       int Version
//       UserSettings User
//       ChallengeAction ChallengeFor(string challengeName)   // unknown name => Reject
//       MappingResult Apply(IReadOnlyList<KeyValuePair<string, string>> source)  // pure, one pass
//       IReadOnlyCollection<string> Targets                  // every name a rule can emit (for CLI schema checks)
//
//   sealed record UserSettings(string FinalUserStatus, string MessageAction,
//                              IReadOnlyList<string>? DesiredDeliveryMediums, bool? ForceAliasCreation)
//   enum ChallengeAction { Reject, Reset, SmsMfa }
//   readonly record struct MappingResult(IReadOnlyDictionary<string, string>? Attributes, string? OversizedAttribute)
//       Attributes null <=> OversizedAttribute names the attribute whose output value exceeded 2048 characters.
