using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Events;
using LeadFunctions.Engine.Outbox;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Privacy;
using LeadFunctions.Storage.Queues;

namespace LeadFunctions.Storage.Tests;

/// <summary>
/// The transactional outbox on Azurite: events are stored exactly when their change is, the relay moves them to the
/// local lead-events queue and removes them, a crash in between republishes the same ids, and erasure leaves no
/// waiting event that names the person.
/// </summary>
public sealed class LeadEventOutboxTests : IDisposable
{
    private readonly StorageHarness _harness = new();

    private ILeadEventOutbox Outbox => _harness.Get<ILeadEventOutbox>();

    private LeadEventRelay Relay => _harness.Get<LeadEventRelay>();

    [Fact]
    public async Task A_change_s_events_wait_in_the_outbox_numbered_as_the_stored_lead_counts_them()
    {
        _harness.LeadEvents.Mode = PublishMode.FailBeforeSending;

        var lead = await _harness.SubmitAsync("pricing", "outbox@example.com");

        var stored = (await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None))!;
        var waiting = await WaitingAsync(lead.LeadId!);
        Assert.NotEmpty(waiting);
        Assert.Equal(LeadEventType.LeadCreated, waiting[0].Type);
        Assert.Equal(Enumerable.Range(1, waiting.Count).Select(i => (long)i), waiting.Select(e => e.Sequence));
        Assert.Equal(stored.Lead.EventSequence, waiting[^1].Sequence);
        Assert.Equal("outbox@example.com", waiting[0].Person!.Email);
        Assert.Empty(await QueuedAsync());
    }

    [Fact]
    public async Task A_write_that_loses_on_the_lead_s_version_stores_none_of_its_events()
    {
        var lead = await _harness.SubmitAsync("pricing", "etag@example.com");
        var stale = (await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None))!;
        await _harness.ApplyAsync(lead.LeadId!, TransitionType.FirstOutreachSent);
        await Relay.RemovePublishedAsync(CancellationToken.None);
        var change = _harness.Get<StateMachine>().Apply(lead.LeadId!, stale.Lead, Command(TransitionType.ContactMade, "late-1"), _harness.Clock.GetUtcNow());
        Assert.NotEmpty(change.Events);

        var conflict = await Assert.ThrowsAsync<LeadWriteConflictException>(
            () => _harness.Store.SaveAsync(new LeadWrite(change.Lead, stale.ETag, change.Audit, stale.Due, []) { Events = change.Events }, CancellationToken.None));

        Assert.Equal(WriteConflict.LeadChanged, conflict.Conflict);
        Assert.Empty(await WaitingAsync(lead.LeadId!));
    }

    [Fact]
    public async Task A_write_whose_command_is_already_recorded_stores_none_of_its_events()
    {
        var lead = await _harness.SubmitAsync("pricing", "twice@example.com");
        await _harness.ApplyAsync(lead.LeadId!, TransitionType.ContactMade, commandId: "once-1");
        await Relay.RemovePublishedAsync(CancellationToken.None);
        var current = (await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None))!;
        var again = _harness.Get<StateMachine>().Apply(lead.LeadId!, current.Lead, Command(TransitionType.DealCreated, "once-1"), _harness.Clock.GetUtcNow());
        Assert.NotEmpty(again.Events);

        var conflict = await Assert.ThrowsAsync<LeadWriteConflictException>(
            () => _harness.Store.SaveAsync(new LeadWrite(again.Lead, current.ETag, again.Audit, current.Due, current.Due) { Events = again.Events }, CancellationToken.None));

        Assert.Equal(WriteConflict.CommandAlreadyRecorded, conflict.Conflict);
        Assert.Empty(await WaitingAsync(lead.LeadId!));
        Assert.Equal(current.ETag, (await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None))!.ETag);
    }

    [Fact]
    public async Task The_fast_path_publishes_a_change_s_events_at_once_and_the_removal_leaves_nothing_waiting()
    {
        var lead = await _harness.SubmitAsync("pricing", "fast@example.com");

        var queued = await QueuedAsync();
        Assert.Equal(LeadEventType.LeadCreated, queued[0].Type);
        Assert.All(queued, e => Assert.Equal(lead.LeadId, e.LeadId));
        Assert.Equal(queued.Select(e => e.EventId), (await WaitingAsync(lead.LeadId!)).Select(e => e.EventId));

        Assert.Equal(queued.Count, await Relay.RemovePublishedAsync(CancellationToken.None));
        Assert.Empty(await WaitingAsync(lead.LeadId!));
    }

    [Fact]
    public async Task Published_events_of_many_leads_are_removed_with_one_transaction_per_partition()
    {
        var leads = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            leads.Add((await _harness.SubmitAsync("pricing", $"many-{i}@example.com")).LeadId!);
        }

        var partitions = leads.Select(id => Leads.LeadKeys.PartitionOf(id)).Distinct().Count();
        Assert.True(partitions < leads.Count, "the test wants two leads in one partition");
        _harness.Requests.Reset();

        Assert.True(await Relay.RemovePublishedAsync(CancellationToken.None) >= leads.Count);

        Assert.Equal(partitions, _harness.Requests.Count);
        foreach (var lead in leads)
        {
            Assert.Empty(await WaitingAsync(lead));
        }
    }

    [Fact]
    public async Task The_relay_pass_publishes_what_the_fast_path_could_not_and_removes_it()
    {
        _harness.LeadEvents.Mode = PublishMode.FailBeforeSending;
        var lead = await _harness.SubmitAsync("pricing", "later@example.com");
        var waiting = await WaitingAsync(lead.LeadId!);
        _harness.LeadEvents.Mode = PublishMode.Pass;

        Assert.Equal(0, await Relay.RelayPendingAsync(CancellationToken.None)); // still inside the grace period
        _harness.Clock.Advance(TimeSpan.FromSeconds(10));
        var relayed = await Relay.RelayPendingAsync(CancellationToken.None);

        Assert.Equal(waiting.Count, relayed);
        Assert.Equal(waiting.Select(e => e.EventId), (await QueuedAsync()).Select(e => e.EventId));
        Assert.Empty(await WaitingAsync(lead.LeadId!));
    }

    [Fact]
    public async Task A_crash_between_publishing_and_removing_republishes_the_same_event_ids()
    {
        _harness.LeadEvents.Mode = PublishMode.FailAfterSending;
        var lead = await _harness.SubmitAsync("pricing", "crash@example.com");
        var firstSend = await QueuedAsync();
        Assert.NotEmpty(firstSend);
        Assert.Equal(firstSend.Select(e => e.EventId), (await WaitingAsync(lead.LeadId!)).Select(e => e.EventId));

        _harness.LeadEvents.Mode = PublishMode.Pass;
        _harness.Clock.Advance(TimeSpan.FromSeconds(10));
        await Relay.RelayPendingAsync(CancellationToken.None);

        var secondSend = await QueuedAsync();
        Assert.Equal(firstSend.Select(e => e.EventId), secondSend.Select(e => e.EventId));
        Assert.Equal(firstSend.Select(LeadEventJson.Write), secondSend.Select(LeadEventJson.Write));
        Assert.Empty(await WaitingAsync(lead.LeadId!));
    }

    [Fact]
    public async Task Erasure_leaves_no_waiting_event_with_personal_data_and_tells_subscribers_once()
    {
        _harness.LeadEvents.Mode = PublishMode.FailBeforeSending;
        var lead = await _harness.SubmitAsync("pricing", "forget-me@example.com", null, ("firstName", "Forget"), ("company", "Gone Ltd"));
        await _harness.ApplyAsync(lead.LeadId!, TransitionType.FirstOutreachSent);
        var before = await WaitingAsync(lead.LeadId!);
        Assert.All(before, e => Assert.NotNull(e.Person));

        Assert.True(await _harness.Get<EraseLeadHandler>().EraseAsync(lead.LeadId!, CancellationToken.None));

        var after = await WaitingAsync(lead.LeadId!);
        Assert.All(after, e => Assert.Null(e.Person));
        Assert.Equal(before.Select(e => e.EventId), after.SkipLast(1).Select(e => e.EventId));
        var erased = after[^1];
        Assert.Equal(LeadEventType.Erased, erased.Type);
        Assert.Equal(before.Count + 1, erased.Sequence);
        Assert.DoesNotContain("forget-me", string.Join('\n', after.Select(LeadEventJson.Write)), StringComparison.OrdinalIgnoreCase);
        Assert.Null(await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None));
    }

    public void Dispose() => _harness.Dispose();

    private TransitionCommand Command(TransitionType type, string commandId) => new(commandId, type, _harness.Clock.GetUtcNow(), "rep-1");

    /// <summary>Every event of the lead still in the outbox, in order, whatever its age.</summary>
    private async Task<List<LeadEvent>> WaitingAsync(string leadId)
    {
        var all = new List<LeadEvent>();
        string? token = null;
        do
        {
            var page = await Outbox.ReadPendingAsync(_harness.Clock.GetUtcNow().AddDays(1), 100, token, CancellationToken.None);
            all.AddRange(page.Events.Where(e => e.LeadId == leadId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return [.. all.OrderBy(e => e.Sequence)];
    }

    /// <summary>Takes every message off the local lead-events queue, in queue order.</summary>
    private async Task<List<LeadEvent>> QueuedAsync()
    {
        var queue = _harness.Get<LeadEventQueues>();
        await queue.EnsureCreatedAsync(CancellationToken.None);
        var taken = new List<LeadEvent>();
        while (true)
        {
            var messages = (await queue.Main.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
            if (messages.Length == 0)
            {
                return taken;
            }

            foreach (var message in messages)
            {
                taken.AddRange(LeadEventMessageJson.Read(message.MessageText));
                await queue.Main.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
