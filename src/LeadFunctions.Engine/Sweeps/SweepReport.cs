namespace LeadFunctions.Engine.Sweeps;

/// <summary>A lead a dry run would change, and how.</summary>
public sealed record PlannedChange(string LeadId, string Command, DateTimeOffset DueAt);

/// <summary>
/// What one sweep run did: leads it examined, queued (their commands are on the transition queue, and the consumer
/// applies them) and skipped (not due any more, or erased). A dry run counts the leads it would queue as changed and
/// lists them in <see cref="Planned"/>; a real run changes nothing itself, so its <see cref="Changed"/> is 0.
/// </summary>
public sealed record SweepReport(string Sweep, DateTimeOffset AsOf, bool DryRun, int Examined, int Changed, int Skipped, IReadOnlyList<PlannedChange> Planned)
{
    public int Queued { get; init; }
}
