using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Concurrency;
using LeadFunctions.Engine.Events;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage.Queues;

/// <summary>
/// Publishes lead events to the local lead-events queue, in order, several to a message (<see cref="LeadEventMessageJson"/>).
/// Changes join one line: alone, a change is sent at once; in a burst, changes that arrive while a send is on the wire
/// share the next one, each change's events together and in order. Every message a storage queue carries is sent,
/// received and deleted one request each, and the emulator rebuilds its indexes on every delete, so at 200 hand-raises
/// a second one message per event was what the consumer could not keep up with. The text is the JSON as is (not
/// base64: no Functions trigger reads this queue, and the JSON escapes everything outside ASCII, so it is safe queue
/// text). The queue does not deduplicate: readers use the event id.
/// </summary>
public sealed class StorageQueueLeadEventPublisher : ILeadEventPublisher
{
    /// <summary>Storage queue messages otherwise expire after seven days; an event waits until it is read.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly LeadEventQueues _queue;
    private readonly JoinedLine<IReadOnlyList<string>, bool> _line;

    public StorageQueueLeadEventPublisher(LeadEventQueues queue)
    {
        _queue = queue;
        _line = new JoinedLine<IReadOnlyList<string>, bool>(SendAsync, (group, next) => Chars([.. group, next]) <= LeadEventMessageJson.MaxMessageChars);
    }

    public async Task PublishAsync(IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await _queue.EnsureCreatedAsync(cancellationToken);
        await _line.JoinAsync([.. events.Select(LeadEventJson.Write)], cancellationToken);
        _queue.AnnounceArrival();
    }

    /// <summary>
    /// Sends a group of changes in as few messages as fit; a failure fails every change of the group (their events wait
    /// in the outbox). Not cancelled with one caller: the messages carry the other changes' events too.
    /// </summary>
    private async Task<IReadOnlyList<bool>> SendAsync(IReadOnlyList<IReadOnlyList<string>> changes)
    {
        foreach (var text in LeadEventMessageJson.Pack(changes.SelectMany(c => c)))
        {
            await _queue.MapOutagesAsync(() => _queue.Main.SendMessageAsync(text, timeToLive: NeverExpires, cancellationToken: CancellationToken.None));
        }

        return [.. changes.Select(_ => true)];
    }

    /// <summary>The characters the changes' events take as one message: each event and its separator, and the brackets.</summary>
    private static int Chars(IEnumerable<IReadOnlyList<string>> changes) => changes.Sum(c => c.Sum(e => e.Length + 1)) + 1;
}
