using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Events;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage.Queues;

/// <summary>
/// Publishes lead events to the local lead-events queue, one message per event, in order; the message text is the
/// event's <see cref="LeadEventJson"/> as is (not base64: no Functions trigger reads this queue, and the JSON escapes
/// everything outside ASCII, so it is safe queue text). The queue does not deduplicate: readers use the event id.
/// </summary>
public sealed class StorageQueueLeadEventPublisher : ILeadEventPublisher
{
    /// <summary>Storage queue messages otherwise expire after seven days; an event waits until it is read.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly LeadEventQueues _queue;

    public StorageQueueLeadEventPublisher(LeadEventQueues queue) => _queue = queue;

    public async Task PublishAsync(IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await _queue.EnsureCreatedAsync(cancellationToken);
        foreach (var leadEvent in events)
        {
            var text = LeadEventJson.Write(leadEvent);
            await _queue.MapOutagesAsync(() => _queue.Main.SendMessageAsync(text, timeToLive: NeverExpires, cancellationToken: cancellationToken));
        }

        _queue.AnnounceArrival();
    }
}
