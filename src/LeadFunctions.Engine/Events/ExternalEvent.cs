using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Engine.Events;

/// <summary>An event from a CRM or a rep, already checked for shape: the client's own event id, not yet a command id.</summary>
public sealed record ExternalEvent(string EventId, TransitionType Type, DateTimeOffset OccurredAt, string Actor, string? Reason, TransitionData? Data);
