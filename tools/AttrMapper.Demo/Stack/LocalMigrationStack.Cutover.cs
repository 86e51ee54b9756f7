using System.Text.Json.Nodes;
using AttrMapper.LocalPeers.CognitoLocal;

namespace AttrMapper.Demo.Stack;

/// <summary>The cutover's part of the stack: the new pool's user import and forgot password (both pools share one endpoint, <see cref="CognitoApi"/>).</summary>
public sealed partial class LocalMigrationStack
{
    /// <summary>
    /// The new pool's custom attributes: what either demo map writes, and the groups marker. Cognito's GetCSVHeader lists a pool's
    /// custom attributes, so the sweep can carry only these.
    /// </summary>
    public static readonly IReadOnlyList<string> NewPoolCustomAttributes = ["custom:tenant_id", "custom:org", "custom:plan", "custom:legacy_sub", "custom:pending_groups"];

    /// <summary>Cognito's user import for the new pool (cognito-local has none): the new pool's proxy answers it from here.</summary>
    public CognitoLocalUserImport NewPoolImport { get; private set; } = null!;

    /// <summary>The usernames the new pool holds (ListUsers, every page), in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> NewPoolUsernamesAsync(CancellationToken ct = default) =>
        [.. (await NewPoolAsApp.ListUsersAsync(ct).ConfigureAwait(false)).Select(u => u.Username).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Forgot password on the new pool as an app does it (ForgotPassword, then ConfirmForgotPassword with the code the user received
    /// and a new password). The code is read where cognito-local keeps it and never returned or printed. Returns the error code of
    /// the step that failed, or null.
    /// </summary>
    public async Task<string?> ResetPasswordAsync(string username, string newPassword, CancellationToken ct = default)
    {
        var forgot = await CognitoApiCall.SendAsync(_http, NewPoolApi.Endpoint, "ForgotPassword",
            new JsonObject { ["ClientId"] = NewClientId, ["Username"] = username }, ct).ConfigureAwait(false);
        if (!forgot.IsSuccess)
        {
            return "ForgotPassword: " + forgot.ErrorType;
        }

        var code = await NewPool.ConfirmationCodeAsync(NewUserPoolId, username, ct: ct).ConfigureAwait(false);
        if (code is null)
        {
            return "ForgotPassword: no code was delivered";
        }

        var confirm = await CognitoApiCall.SendAsync(_http, NewPoolApi.Endpoint, "ConfirmForgotPassword", new JsonObject
        {
            ["ClientId"] = NewClientId,
            ["Username"] = username,
            ["ConfirmationCode"] = code,
            ["Password"] = newPassword,
        }, ct).ConfigureAwait(false);
        return confirm.IsSuccess ? null : "ConfirmForgotPassword: " + confirm.ErrorType;
    }

    private async Task<CognitoLocalUserImport> StartNewPoolImportAsync()
    {
        NewPoolImport = Keep(await CognitoLocalUserImport.StartAsync(NewPool.Endpoint).ConfigureAwait(false));
        Trigger.Landing = NewPoolImport.Landing;
        return NewPoolImport;
    }
}
