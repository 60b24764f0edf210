using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Engine.Events;
using LeadFunctions.Storage.Queues;

namespace LeadFunctions.Storage.Tests;

/// <summary>The local lead-events publisher on Azurite: concurrent changes share messages, and each change's events stay together and in order.</summary>
public sealed class LeadEventPublisherTests : IDisposable
{
    private readonly StorageHarness _harness = new();

    [Fact]
    public async Task Changes_published_at_once_share_messages_and_keep_each_changes_events_in_order()
    {
        var queue = _harness.Get<LeadEventQueues>();
        await queue.EnsureCreatedAsync(CancellationToken.None);
        var publisher = new StorageQueueLeadEventPublisher(queue);
        var changes = Enumerable.Range(0, 40).Select(Change).ToList();

        await Task.WhenAll(changes.Select(c => publisher.PublishAsync(c, CancellationToken.None)));

        var messages = await TakeAllAsync(queue);
        Assert.InRange(messages.Count, 1, changes.Count / 2);
        var received = messages.SelectMany(m => m).ToList();
        Assert.Equal(changes.SelectMany(c => c).Select(e => e.EventId).Order(), received.Select(e => e.EventId).Order());
        foreach (var change in changes)
        {
            var at = received.FindIndex(e => e.EventId == change[0].EventId);
            Assert.Equal(change.Select(e => e.EventId), received.Skip(at).Take(change.Count).Select(e => e.EventId));
        }
    }

    [Fact]
    public async Task A_change_too_large_for_one_message_is_split_in_order()
    {
        var queue = _harness.Get<LeadEventQueues>();
        var publisher = new StorageQueueLeadEventPublisher(queue);
        var large = LeadEventMessageJson.MaxMessageChars / LeadEventJson.Write(Event("ld-large", 1)).Length * 3;
        var change = Enumerable.Range(1, large).Select(s => Event("ld-large", s)).ToList();

        await publisher.PublishAsync(change, CancellationToken.None);

        var messages = await TakeAllAsync(queue);
        Assert.InRange(messages.Count, 3, 4);
        Assert.Equal(change.Select(e => e.Sequence), messages.SelectMany(m => m).Select(e => e.Sequence));
    }

    private static List<LeadEvent> Change(int lead) => [Event($"ld-pub{lead:D4}", 1), Event($"ld-pub{lead:D4}", 2)];

    private static LeadEvent Event(string leadId, long sequence) => new(
        LeadEvent.IdOf(leadId, sequence), LeadEventType.StatusChanged, leadId, sequence,
        new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero),
        "system", null, $"cmd-{leadId}-{sequence}", null,
        new LeadPlacement(LifecycleStage.SQL, "SQL", LeadStatus.New, null, "rep-ann", Team.Sales, "emea"),
        Quadrant.HighInterestGoodFit, null);

    private static async Task<List<IReadOnlyList<LeadEvent>>> TakeAllAsync(LeadEventQueues queue)
    {
        var taken = new List<IReadOnlyList<LeadEvent>>();
        while (true)
        {
            var messages = (await queue.Main.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
            if (messages.Length == 0)
            {
                return taken;
            }

            foreach (var message in messages)
            {
                Assert.True(message.MessageText.Length <= LeadEventMessageJson.MaxMessageChars);
                taken.Add(LeadEventMessageJson.Read(message.MessageText));
                await queue.Main.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    public void Dispose() => _harness.Dispose();
}
