namespace AttrMapper.Cli.Aws;

/// <summary>A user import job as Cognito describes it.</summary>
/// <param name="PreSignedUrl">Where the file goes: a credential, so kept out of <see cref="ToString"/>, state files and output.</param>
internal sealed record ImportJob(string JobId, string JobName, string Status, string? PreSignedUrl, long Imported, long Skipped, long Failed)
{
    /// <summary>The statuses after which the job does nothing more.</summary>
    public bool IsFinal => Status is "Succeeded" or "Failed" or "Stopped" or "Expired";

    /// <summary>Started and not yet done: the account's one running import.</summary>
    public bool IsRunning => Status is "Pending" or "InProgress" or "Stopping";

    public override string ToString() => $"ImportJob {{ {JobId} {JobName} {Status} imported {Imported} skipped {Skipped} failed {Failed} }}";

    internal static ImportJob From(UserImportJobWire? wire)
    {
        if (wire?.JobId is not { Length: > 0 } id || wire.Status is not { Length: > 0 } status)
        {
            throw AttrMapper.Cognito.CognitoTransport.Malformed();
        }

        return new ImportJob(id, wire.JobName ?? string.Empty, status, wire.PreSignedUrl, wire.ImportedUsers ?? 0, wire.SkippedUsers ?? 0, wire.FailedUsers ?? 0);
    }
}
