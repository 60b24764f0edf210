namespace LeadFunctions.TestSupport;

public static class RepositoryRoot
{
    /// <summary>The folder holding LeadFunctions.sln, found from the test's working directory.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "LeadFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LeadFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
