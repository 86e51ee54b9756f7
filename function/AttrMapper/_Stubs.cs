// TEMPORARY stand-ins for the parts built on other branches; deleted at merge.
#pragma warning disable CA1812
using AttrMapper.Mapping;

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
