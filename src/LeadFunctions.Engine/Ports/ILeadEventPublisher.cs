using LeadFunctions.Domain.Events;

namespace LeadFunctions.Engine.Ports;

/// <summary>
/// Where lead events go once stored (the lead-events topic in Azure, a storage queue locally). At least once: the
/// relay may publish an event again after a crash, always under the same event id, so receivers deduplicate on it.
/// </summary>
public interface ILeadEventPublisher
{
    /// <summary>Returns once every event is durably accepted, in the order given.</summary>
    Task PublishAsync(IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken);
}
