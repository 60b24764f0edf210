namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>Tests that move the process's working directory run alone: it is shared by every test in the process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedWorkingDirectory
{
    public const string Name = "Working directory";
}
