namespace LeadFunctions.Engine.LeadImports;

/// <summary>Where an import stands: stored and waiting, some chunks done, or every chunk done.</summary>
public enum ImportState
{
    Queued,
    Running,
    Completed,
}
