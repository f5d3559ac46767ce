namespace Dashboard.Tests.Support;

/// <summary>The console's source tree, for tests that read its files.</summary>
public static class SourceFiles
{
    /// <summary>The folder that holds Dashboard.sln.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Dashboard.sln) was not found.");
    }

    /// <summary>The Dashboard project's folder.</summary>
    public static string DashboardProject() => Path.Combine(RepositoryRoot(), "Dashboard");

    /// <summary>A path relative to the repository root, with forward slashes, for messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(RepositoryRoot(), path).Replace('\\', '/');
}
