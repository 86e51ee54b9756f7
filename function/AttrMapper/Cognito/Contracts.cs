// CONTRACT (to be replaced by the real implementation, keep the public shape):
// namespace AttrMapper.Cognito
//
//   interface IOldPool   (one attempt per call: retry policy belongs to the migration handler)
//       Task<AuthResult> AdminInitiateAuthAsync(string username, string password, CancellationToken ct);
//       Task<OldUser> AdminGetUserAsync(string username, CancellationToken ct);
//       Task<IReadOnlyList<OldUser>> ListUsersAsync(string attributeName, string value, int limit, CancellationToken ct);
//
//   sealed record AuthResult(bool Authenticated, string? ChallengeName)   // tokens are never surfaced
//   sealed record OldUser(string Username, bool Enabled, string UserStatus, IReadOnlyList<KeyValuePair<string,string>> Attributes)
//
//   sealed class CognitoException : Exception   (Message is generic and never carries upstream text or user data)
//       CognitoErrorKind Kind; string Code (normalised __type, e.g. "NotAuthorizedException"); int StatusCode;
//       bool SurelyUnprocessed   // true for throttling and for failures before the request left (connect refused, DNS)
//   enum CognitoErrorKind { NotAuthorized, UserNotFound, UserNotConfirmed, PasswordResetRequired, Throttled,
//                           ServerError, Timeout, Network, Credentials, Configuration, InvalidParameter,
//                           LambdaValidation, MalformedResponse, Other }
//   Caller cancellation (ct) surfaces as OperationCanceledException; a per-attempt timeout as Kind = Timeout.
