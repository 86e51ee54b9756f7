using AttrMapper.Logging;
using AttrMapper.Triggers;

namespace AttrMapper.Groups;

/// <summary>
/// The group triggers' one rule (DESIGN.md §5): they never fail a sign-in. Whatever the work does (upstream down,
/// deadline, exception), the answer is the event unchanged (<c>response</c> <c>{}</c>), inside the deadline of §6.
/// </summary>
internal static class NeverFail
{
    public static async Task<TriggerAnswer> RunAsync(
        TriggerEvent trigger, InvocationScope scope, TimeProvider clock, Func<CancellationToken, Task<TriggerAnswer>> work, CancellationToken ct)
    {
        var remaining = scope.Remaining;
        if (remaining <= TimeSpan.Zero)
        {
            return Unchanged(trigger, GroupReasons.Unavailable);
        }

        using var deadline = new CancellationTokenSource(remaining, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            // WaitAsync answers at the deadline even if some upstream ignores cancellation.
            return await work(linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // A settle cut short (deadline, exception) after its marker verified keeps the marker: pending.
            if (scope.Groups.MarkerVerified && scope.Groups.GroupsSettled == 0)
            {
                scope.Groups.MarkersPending = 1;
            }

            return Unchanged(trigger, GroupReasons.Unavailable);
        }
    }

    public static TriggerAnswer Unchanged(TriggerEvent trigger, string reason) =>
        new(OutcomeKind.Answered, reason, ResponseWriter.Reject(trigger));
}
