using AttrMapper.Cognito;
using AttrMapper.Logging;
using AttrMapper.Triggers;

namespace AttrMapper.Groups;

/// <summary>
/// Post authentication and post confirmation (ConfirmForgotPassword): with a verified marker, add the memberships on the
/// event's pool (AdminAddUserToGroup), then delete the marker (AdminDeleteUserAttributes). Always answers the event
/// unchanged: a failure keeps the marker for the next sign-in, never fails this one.
/// </summary>
/// <remarks>
/// A marker that does not verify is ignored and NOT deleted: its owner can write it again at will, so deleting buys
/// nothing but an upstream call per sign-in that an attacker controls; it is logged and counted (MarkersRejected, which
/// the dashboard alarms on) instead.
/// </remarks>
internal sealed class SettleHandler(MarkerReader markers, INewPool newPool, IOldPool oldPool, TimeProvider clock) : ITriggerHandler
{
    public const string PostAuthentication = "PostAuthentication_Authentication";
    public const string PostConfirmation = "PostConfirmation_ConfirmForgotPassword";

    private const int MaxGroupPages = 5;

    public Task<TriggerAnswer> HandleAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct) =>
        NeverFail.RunAsync(trigger, scope, clock, c => SettleAsync(trigger, scope, c), ct);

    private async Task<TriggerAnswer> SettleAsync(TriggerEvent trigger, InvocationScope scope, CancellationToken ct)
    {
        var read = await markers.ReadAsync(trigger, scope, ct).ConfigureAwait(false);
        if (read.Payload is not { } payload)
        {
            return NeverFail.Unchanged(trigger, read.Reason!);
        }

        var poolId = trigger.UserPoolId!;
        IReadOnlyList<string> groups;
        try
        {
            groups = payload.Groups ?? read.Map!.Apply(await OldGroupsAsync(payload.OldUsername!, scope, ct).ConfigureAwait(false));
            var missing = 0;
            foreach (var group in groups)
            {
                try
                {
                    scope.CountCall();
                    await newPool.AdminAddUserToGroupAsync(poolId, trigger.UserName, group, ct).ConfigureAwait(false);
                }
                catch (CognitoException error) when (error.Code == "ResourceNotFoundException")
                {
                    missing++;
                }
            }

            scope.CountCall();
            await newPool.AdminDeleteUserAttributesAsync(poolId, trigger.UserName, read.Map!.Marker, ct).ConfigureAwait(false);
            scope.Groups.GroupsMissing = missing;
            scope.Groups.GroupsSettled = 1;
            return NeverFail.Unchanged(trigger, missing > 0 ? GroupReasons.GroupMissing : GroupReasons.GroupsSettled);
        }
        catch (CognitoException)
        {
            scope.Groups.MarkersPending = 1;
            return NeverFail.Unchanged(trigger, GroupReasons.MarkerPending);
        }
    }

    private async Task<IReadOnlyList<string>> OldGroupsAsync(string oldUsername, InvocationScope scope, CancellationToken ct)
    {
        var all = new List<string>();
        string? next = null;
        for (var page = 0; page < MaxGroupPages; page++)
        {
            scope.CountCall();
            var answer = await oldPool.AdminListGroupsForUserAsync(oldUsername, next, ct).ConfigureAwait(false);
            all.AddRange(answer.Groups);
            if ((next = answer.NextToken) is null)
            {
                return all;
            }
        }

        // Settling part of the groups and deleting the marker would lose the rest for good.
        throw CognitoTransport.Malformed();
    }
}
