using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Http;

/// <summary>
/// The JSON body of an event post, for the OpenAPI document: <see cref="EventEndpoints"/> reads bodies strictly by hand
/// (unknown fields, duplicates and numbers-as-names are refused), so this type only describes them. Email only on
/// POST /api/events, which has no lead id in its route. <see cref="Status"/> is StatusSet's target: a status's canonical
/// name, built-in or the playbook's own.
/// </summary>
public sealed record EventBody(
    string EventId,
    TransitionType Type,
    DateTimeOffset OccurredAt,
    string Actor,
    string? Reason,
    int? Points,
    LifecycleStage? ToStage,
    LeadStatus? ToStatus,
    DateTimeOffset? CheckBackAt,
    string? Owner,
    string? DealId,
    string? Email,
    string? Status = null);
