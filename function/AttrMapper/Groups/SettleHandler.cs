using AttrMapper.Cognito;
using AttrMapper.Triggers;

namespace AttrMapper.Groups;

/// <summary>
/// Post authentication and post confirmation (ConfirmForgotPassword): with a verified marker, add the memberships on the
/// event's pool (AdminAddUserToGroup), then delete the marker (AdminDeleteUserAttributes), through
/// <see cref="MarkerSettlement"/>, the operation <c>attrmapper groups settle</c> runs too. Always answers the event
/// unchanged: a failure keeps the marker for the next sign-in, never fails this one.
/// </summary>
/// <remarks>
/// A marker that does not verify is ignored and NOT deleted: its owner can write it again at will, so deleting buys
/// nothing but an upstream call per sign-in that an attacker controls; it is logged and counted (MarkersRejected, which
/// the dashboard alarms on) instead.
/// </remarks>
internal sealed class SettleHandler(MarkerReader markers, MarkerSettlement settlement, TimeProvider clock) : ITriggerHandler
{
    public const string PostAuthentication = "PostAuthentication_Authentication";
    public const string PostConfirmation = "PostConfirmation_ConfirmForgotPassword";

    public Task<TriggerAnswer> HandleAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct) =>
        NeverFail.RunAsync(trigger, scope, clock, c => SettleAsync(trigger, scope, c), ct);

    private async Task<TriggerAnswer> SettleAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct)
    {
        var read = await markers.ReadAsync(trigger, scope, ct).ConfigureAwait(false);
        if (read.Payload is not { } payload)
        {
            return NeverFail.Unchanged(trigger, read.Reason!);
        }

        try
        {
            var settled = await settlement.SettleAsync(trigger.UserPoolId!, trigger.UserName, payload, read.Map!, _ =>
            {
                scope.CountCall();
                return ValueTask.CompletedTask;
            }, ct).ConfigureAwait(false);
            scope.Groups.GroupsMissing = settled.Missing.Count;
            scope.Groups.GroupsSettled = 1;
            return NeverFail.Unchanged(trigger, settled.Missing.Count > 0 ? GroupReasons.GroupMissing : GroupReasons.GroupsSettled);
        }
        catch (CognitoException)
        {
            scope.Groups.MarkersPending = 1;
            return NeverFail.Unchanged(trigger, GroupReasons.MarkerPending);
        }
    }
}
