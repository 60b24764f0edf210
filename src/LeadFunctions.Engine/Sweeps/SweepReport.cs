namespace LeadFunctions.Engine.Sweeps;

/// <summary>A lead a dry run would change, and how.</summary>
public sealed record PlannedChange(string LeadId, string Command, DateTimeOffset DueAt);

/// <summary>
/// What one sweep run did: leads it examined, changed, queued (fan-out: their commands are on the transition queue)
/// and skipped (not due any more, already done, or refused).
/// </summary>
public sealed record SweepReport(string Sweep, DateTimeOffset AsOf, bool DryRun, int Examined, int Changed, int Skipped, IReadOnlyList<PlannedChange> Planned)
{
    public int Queued { get; init; }
}
