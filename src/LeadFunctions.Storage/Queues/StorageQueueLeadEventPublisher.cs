using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Events;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage.Queues;

/// <summary>
/// Publishes lead events to the local lead-events queue, in order, several to a message
/// (<see cref="LeadEventMessageJson"/>: concurrent changes share messages through <see cref="LeadEventSendLine"/>).
/// The text is the JSON as is (not base64: no Functions trigger reads this queue, and the JSON escapes everything
/// outside ASCII, so it is safe queue text). The queue does not deduplicate: readers use the event id.
/// </summary>
public sealed class StorageQueueLeadEventPublisher : ILeadEventPublisher
{
    /// <summary>Storage queue messages otherwise expire after seven days; an event waits until it is read.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly LeadEventQueues _queue;
    private readonly LeadEventSendLine _line = new();

    public StorageQueueLeadEventPublisher(LeadEventQueues queue) => _queue = queue;

    public async Task PublishAsync(IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await _queue.EnsureCreatedAsync(cancellationToken);

        // The send itself is not cancelled with one caller: it may carry other changes' events too.
        await _line.SendAsync(
            [.. events.Select(LeadEventJson.Write)],
            text => _queue.MapOutagesAsync(() => _queue.Main.SendMessageAsync(text, timeToLive: NeverExpires, cancellationToken: CancellationToken.None)),
            cancellationToken);
        _queue.AnnounceArrival();
    }
}
