namespace LeadFunctions.Engine.Playbooks;

/// <summary>Where a configured Playbook:Path points.</summary>
internal static class PlaybookFile
{
    /// <summary>
    /// An absolute path as given. A relative one against the working directory when the file is there (the local host,
    /// run from the repo), else against the app's base directory: a deployed Functions app's working directory is not
    /// its package folder, and the package is where a company's playbook ships.
    /// </summary>
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return File.Exists(path) ? path : throw NotFound(path, [path]);
        }

        var candidates = new[] { Path.GetFullPath(path), Path.Combine(AppContext.BaseDirectory, path) };
        return candidates.FirstOrDefault(File.Exists) ?? throw NotFound(path, candidates);
    }

    private static FileNotFoundException NotFound(string path, string[] candidates)
        => new($"Playbook:Path '{path}' does not exist (looked for {string.Join(" and ", candidates)}). Ship the file with the app or leave Playbook:Path empty for the built-in playbook.", path);
}
