namespace LeadFunctions.Domain.Playbooks;

/// <summary>
/// How long a lead may sit in one status (<c>sla.{status}</c> in the playbook), how far ahead of that its rep is
/// warned, and what the breach does.
/// </summary>
public sealed record StatusSla
{
    /// <summary>Business days in the status. Absent for New: <c>thresholds.newSlaBusinessDays</c>, so older playbooks keep working.</summary>
    public int? BusinessDays { get; init; }

    /// <summary>Clock hours before the breach at which the lead is flagged <c>SlaWarning</c>; 0 means no warning.</summary>
    public int WarnBeforeHours { get; init; }

    public SlaBreachAction OnBreach { get; init; } = SlaBreachAction.Reassign;
}
