using System.Collections.Immutable;

namespace LeadFunctions.Domain.Transitions;

/// <summary>
/// An event type CRMs and reps may send, with the data fields its rule needs (a missing one is recorded as a rejection)
/// and the ones it also reads. Every event also carries eventId, type, occurredAt and actor; any may set owner.
/// </summary>
public sealed record ExternalEventType(TransitionType Type, ImmutableArray<string> RequiredData, ImmutableArray<string> OptionalData);
