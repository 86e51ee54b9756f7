// TEMPORARY stand-ins for the parts built on other branches; deleted at merge.
#pragma warning disable CA1812
using AttrMapper.Mapping;

namespace AttrMapper.Mapping
{
    internal sealed record MapProblem(string Path, string Message, string Hint);
    internal sealed record MapParseResult(AttributeMap? Map, IReadOnlyList<MapProblem> Problems) { public bool IsValid => Map is not null; }
    internal static class MapDocument { public static MapParseResult Parse(string json) => throw new NotImplementedException(json); }
    internal sealed record UserSettings(string FinalUserStatus, string MessageAction, IReadOnlyList<string>? DesiredDeliveryMediums, bool? ForceAliasCreation);
    internal enum ChallengeAction { Reject, Reset, SmsMfa }
    internal readonly record struct MappingResult(IReadOnlyDictionary<string, string>? Attributes, string? OversizedAttribute);
    internal sealed class AttributeMap
    {
        public int Version => 1;
        public UserSettings User { get; } = new("CONFIRMED", "SUPPRESS", null, null);
        public ChallengeAction ChallengeFor(string challengeName) => ChallengeAction.Reject;
        public MappingResult Apply(IReadOnlyList<KeyValuePair<string, string>> source) => new(source.ToDictionary(), null);
    }
}

namespace AttrMapper.Cognito
{
    internal interface IOldPool
    {
        Task<AuthResult> AdminInitiateAuthAsync(string username, string password, CancellationToken ct);
        Task<OldUser> AdminGetUserAsync(string username, CancellationToken ct);
        Task<IReadOnlyList<OldUser>> ListUsersAsync(string attributeName, string value, int limit, CancellationToken ct);
    }
    internal sealed record AuthResult(bool Authenticated, string? ChallengeName);
    internal sealed record OldUser(string Username, bool Enabled, string UserStatus, IReadOnlyList<KeyValuePair<string, string>> Attributes);
    internal enum CognitoErrorKind { NotAuthorized, UserNotFound, UserNotConfirmed, PasswordResetRequired, Throttled, ServerError, Timeout, Network, Credentials, Configuration, InvalidParameter, LambdaValidation, MalformedResponse, Other }
    internal sealed class CognitoException(CognitoErrorKind kind, string code, int statusCode, bool surelyUnprocessed) : Exception("Cognito call failed.")
    {
        public CognitoErrorKind Kind { get; } = kind;
        public string Code { get; } = code;
        public int StatusCode { get; } = statusCode;
        public bool SurelyUnprocessed { get; } = surelyUnprocessed;
    }
}

namespace AttrMapper.Parameters
{
    internal sealed record LoadedMap(AttributeMap Map, long ParameterVersion);
    internal interface IMapSource { ValueTask<LoadedMap?> GetAsync(CancellationToken ct); }
}
