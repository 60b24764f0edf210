namespace LeadFunctions.Engine.Sweeps;

/// <summary>
/// Where each sweep's latest run is kept, so a person can watch a long run from any instance (the admin route may be
/// answered by another instance than the one running the timer).
/// </summary>
public interface ISweepRuns
{
    /// <summary>
    /// Replaces the sweep's latest run (real and dry runs apart): last writer wins, since each save states the whole run
    /// as it is now.
    /// </summary>
    Task SaveAsync(SweepRun run, CancellationToken cancellationToken);

    /// <summary>The latest real run and the latest dry run of every sweep that had one, in no particular order.</summary>
    Task<IReadOnlyList<SweepRun>> ListAsync(CancellationToken cancellationToken);
}
