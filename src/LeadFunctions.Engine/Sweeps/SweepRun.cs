namespace LeadFunctions.Engine.Sweeps;

/// <summary>
/// The latest run of one sweep, as a person waiting for it sees it: <see cref="Done"/> of <see cref="Total"/> due leads
/// examined so far. <see cref="Total"/> is what was due when the run started; leads that fall due during the run are
/// examined too, so <see cref="Done"/> can end a little above it. Saved when the run starts, every
/// <see cref="SweepOptions.ProgressInterval"/> while it runs, and when it ends, by whichever instance runs it.
/// </summary>
public sealed record SweepRun(
    string Sweep,
    string RunId,
    SweepRunState State,
    bool DryRun,
    DateTimeOffset AsOf,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    int Total,
    int Done,
    int Queued,
    int Changed,
    int Skipped);
