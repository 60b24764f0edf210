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

    /// <summary>The due leads counted when the run started: what <see cref="Examined"/> is out of (see <see cref="SweepRun"/>).</summary>
    public int Total { get; init; }

    /// <summary>The run's id in <c>GET /api/admin/sweeps</c>, which keeps the latest run of each sweep.</summary>
    public string? RunId { get; init; }
}
