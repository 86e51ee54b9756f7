using System.Text;

namespace AttrMapper.Triggers;

/// <summary>The function's one error answer (DESIGN.md §5 "Fault"): constant, so no upstream text or user data can leave in it.</summary>
internal static class TriggerFault
{
    public const string ErrorType = "MigrationUnavailable";

    public static readonly byte[] Body =
        Encoding.UTF8.GetBytes("""{"errorType":"MigrationUnavailable","errorMessage":"User migration is temporarily unavailable."}""");
}
