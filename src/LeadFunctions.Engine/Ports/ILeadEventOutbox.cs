using LeadFunctions.Domain.Events;

namespace LeadFunctions.Engine.Ports;

/// <summary>One page of events still waiting in the outbox, oldest lead partition first; a null token means the last page.</summary>
public sealed record LeadEventPage(IReadOnlyList<LeadEvent> Events, string? ContinuationToken);

/// <summary>
/// The events stored with their changes (<see cref="LeadWrite.Events"/>) and not yet published. The relay reads what
/// has waited too long, publishes it, and removes it; removal is repeatable.
/// </summary>
public interface ILeadEventOutbox
{
    /// <summary>Events recorded before <paramref name="recordedBefore"/>, a page at a time across every lead.</summary>
    Task<LeadEventPage> ReadPendingAsync(DateTimeOffset recordedBefore, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>Removes the events' outbox rows; one already gone is not an error.</summary>
    Task RemoveAsync(IReadOnlyCollection<LeadEvent> events, CancellationToken cancellationToken);
}
