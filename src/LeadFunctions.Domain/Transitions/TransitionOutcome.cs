using System.Collections.Immutable;
using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Domain.Transitions;

public enum OutcomeKind
{
    Applied,
    Rejected,
    Duplicate,
}

/// <summary>
/// One line of a lead's history: every command, applied or refused, with where it moved the lead, who owned it before
/// and after (and, when routing placed it, why that rep), and the CRM deal a deal command named (the lead keeps only
/// the latest; the history keeps each).
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
    string? DealId = null,
    string? FromOwner = null,
    string? ToOwner = null,
    Assignment? Assignment = null)
{
    /// <summary>The status the lead left, by name ("HotHotHot"); null when none, or on lines stored before names were (use <see cref="FromStatus"/>).</summary>
    public string? FromStatusName { get; init; }

    /// <summary>The status the lead is in after the command, by name; null on lines stored before names were (use <see cref="ToStatus"/>).</summary>
    public string? ToStatusName { get; init; }
}

/// <summary>
/// What applying a command produced: the lead to store (unchanged but for its version when rejected), its audit line
/// and the events subscribers are told (none when rejected), which are stored with it; and, when the change hands the
/// lead to sales with nobody to work it, what routing needs to pick the rep.
/// </summary>
public sealed record TransitionResult(Lead Lead, AuditRecord Audit, AssignmentRequest? Handoff = null)
{
    public bool Applied => Audit.Outcome == OutcomeKind.Applied;

    public ImmutableArray<LeadEvent> Events { get; init; } = [];

    /// <summary>The lead as it was before the command (null: the command created it); placing the lead recounts its events from here.</summary>
    public Lead? Before { get; init; }

    internal LeadEventLog? EventLog { get; init; }
}
