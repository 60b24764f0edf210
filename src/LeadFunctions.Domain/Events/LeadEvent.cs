using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Domain.Events;

/// <summary>
/// One change to one lead, published once it is stored. <see cref="EventId"/> is "{leadId}:{sequence}", so a
/// republished event is recognisably the same; <see cref="Sequence"/> counts a lead's events without gaps, so a receiver
/// can apply them in order and notice a missing one. <see cref="From"/> is null for <see cref="LeadEventType.LeadCreated"/>.
/// </summary>
public sealed record LeadEvent(
    string EventId,
    LeadEventType Type,
    string LeadId,
    long Sequence,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Actor,
    string? Reason,
    string CommandId,
    LeadPlacement? From,
    LeadPlacement To,
    Quadrant Quadrant,
    string? QuadrantDisplayName,
    string? Flag = null,
    Assignment? Assignment = null,
    LeadEventPerson? Person = null)
{
    public static string IdOf(string leadId, long sequence) => $"{leadId}:{sequence}";
}
