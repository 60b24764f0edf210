namespace LeadFunctions.Engine.Sweeps;

/// <summary>
/// One sweep, its timer schedule (NCRONTAB, UTC), its latest real run and its latest dry run (each null until there
/// was one).
/// </summary>
public sealed record SweepStatus(string Sweep, string Schedule, SweepRun? LatestRun, SweepRun? LatestDryRun);
