namespace AttrMapper.Tests;

/// <summary>Finds files of the repository (README, Terraform examples, shared design) from a test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AttrMapper.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AttrMapper.sln not found above " + AppContext.BaseDirectory);
    }
}
