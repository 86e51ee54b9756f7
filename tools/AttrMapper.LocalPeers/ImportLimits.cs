namespace AttrMapper.LocalPeers;

/// <summary>The user import's documented limits and the fake job's pace; tests turn the limits down.</summary>
public sealed class ImportLimits
{
    public int MaxUsersPerFile { get; set; } = 500_000;

    public long MaxBytesPerFile { get; set; } = 100L * 1024 * 1024;

    public int MaxCharactersPerRow { get; set; } = 16_000;

    /// <summary>How long the pre-signed upload URL stays valid after CreateUserImportJob.</summary>
    public TimeSpan UploadWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>DescribeUserImportJob calls that see a started job in each status before it moves on (Pending, InProgress).</summary>
    public int DescribesPerStatus { get; set; } = 1;
}
