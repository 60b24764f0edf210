namespace LeadFunctions.LocalHost;

internal static class RepositoryFolders
{
    /// <summary>The folder holding LeadFunctions.sln, searched upwards from the content root and then from the binaries.</summary>
    public static string? Root(string contentRoot)
    {
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LeadFunctions.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
