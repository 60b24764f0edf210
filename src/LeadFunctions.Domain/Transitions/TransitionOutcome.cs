using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Transitions;

public enum OutcomeKind
{
    Applied,
    Rejected,
    Duplicate,
}

/// <summary>
/// One line of a lead's history: every command, applied or refused, with where it moved the lead, and the CRM deal
/// a deal command named (the lead keeps only the latest; the history keeps each).
/// </summary>
public sealed record AuditRecord(
    string CommandId,
    TransitionType Type,
    OutcomeKind Outcome,
    string? RejectionCode,
    string Actor,
    string? Reason,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    LifecycleStage? FromStage,
    LifecycleStage ToStage,
    LeadStatus? FromStatus,
    LeadStatus ToStatus,
    long Sequence,
    string? DealId = null);

/// <summary>What applying a command produced: the lead to store (unchanged but for its version when rejected) and its audit line.</summary>
public sealed record TransitionResult(Lead Lead, AuditRecord Audit)
{
    public bool Applied => Audit.Outcome == OutcomeKind.Applied;
}
