namespace LeadFunctions.Domain.Events;

/// <summary>What happened to a lead, as subscribers (a rep's chat, the CRM) are told.</summary>
public enum LeadEventType
{
    LeadCreated,
    StageChanged,
    StatusChanged,
    OwnerAssigned,

    /// <summary>An attention flag went up: <see cref="LeadEvent.Flag"/> names it (SlaWarning, SlaBreached, CheckBackDue, Unassigned).</summary>
    FlagRaised,
    Suppressed,
    Erased,
}
