using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Tests.Support;
using Moq;

namespace LeadFunctions.Engine.Tests.Outbox;

/// <summary>The relay's two paths: right after a save (never failing the change), and the pass over what waited too long.</summary>
public sealed class LeadEventRelayTests : IDisposable
{
    private const string Email = "relay@acme.example";
    private static readonly string _leadId = Harness.LeadIdOf(Email);
    private readonly Harness _h = new();
    private readonly List<string> _calls = [];

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_saved_change_s_events_are_published_at_once_and_removed_from_the_outbox_later()
    {
        IReadOnlyList<LeadEvent>? published = null;
        IReadOnlyCollection<LeadEvent>? removed = null;
        _h.EventPublisher.Setup(p => p.PublishAsync(It.IsAny<IReadOnlyList<LeadEvent>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<LeadEvent> events, CancellationToken _) => { published = events; _calls.Add("publish"); })
            .Returns(Task.CompletedTask);
        _h.Outbox.Setup(o => o.RemoveAsync(It.IsAny<IReadOnlyCollection<LeadEvent>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyCollection<LeadEvent> events, CancellationToken _) => { removed = events; _calls.Add("remove"); })
            .Returns(Task.CompletedTask);
        _h.OnLoad(current: null);

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.FormCommand("whitepaper", Email, "sub:r-1", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(["publish"], _calls);
        var created = Assert.Single(published!);
        Assert.Equal(LeadEventType.LeadCreated, created.Type);
        Assert.Equal(_leadId, created.LeadId);
        Assert.Equal("sub:r-1", created.CommandId);
        Assert.Equal(1, _h.Relay.PublishedAwaitingRemoval);

        Assert.Equal(1, await _h.Relay.RemovePublishedAsync(CancellationToken.None));

        Assert.Equal(["publish", "remove"], _calls);
        Assert.Equal([created.EventId], removed!.Select(e => e.EventId));
        Assert.Equal(0, _h.Relay.PublishedAwaitingRemoval);
        Assert.Equal(0, await _h.Relay.RemovePublishedAsync(CancellationToken.None));
        Assert.Equal(["publish", "remove"], _calls);
    }

    [Fact]
    public async Task Many_changes_published_between_removals_are_removed_in_one_call()
    {
        var removals = new List<string[]>();
        _h.Outbox.Setup(o => o.RemoveAsync(It.IsAny<IReadOnlyCollection<LeadEvent>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyCollection<LeadEvent> events, CancellationToken _) => removals.Add([.. events.Select(e => e.EventId)]))
            .Returns(Task.CompletedTask);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _h.Relay.PublishStoredAsync([Event("lead-" + i, 1), Event("lead-" + i, 2)], CancellationToken.None)));
        var removed = await _h.Relay.RemovePublishedAsync(CancellationToken.None);

        Assert.Equal(40, removed);
        var only = Assert.Single(removals);
        Assert.Equal(40, only.Distinct().Count());
    }

    [Fact]
    public async Task A_failed_removal_leaves_the_rows_for_the_pass_and_counts_as_a_miss()
    {
        _h.Outbox.Setup(o => o.RemoveAsync(It.IsAny<IReadOnlyCollection<LeadEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("storage down"));
        await _h.Relay.PublishStoredAsync([Event("a", 1)], CancellationToken.None);

        var removed = await _h.Relay.RemovePublishedAsync(CancellationToken.None);

        Assert.Equal(0, removed);
        Assert.Equal(1, _h.Relay.FastPathMisses);

        // Not tried again from memory: the pass publishes the row again and removes it.
        Assert.Equal(0, _h.Relay.PublishedAwaitingRemoval);
    }

    [Fact]
    public async Task A_publisher_outage_leaves_the_events_in_the_outbox_and_the_change_applied()
    {
        _h.EventPublisher.Setup(p => p.PublishAsync(It.IsAny<IReadOnlyList<LeadEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("topic down"));
        _h.OnLoad(current: null);

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.FormCommand("whitepaper", Email, "sub:r-2", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Single(_h.Saves);
        Assert.Equal(0, await _h.Relay.RemovePublishedAsync(CancellationToken.None));
        Assert.Equal(1, _h.Relay.FastPathMisses);
        _h.Outbox.Verify(o => o.RemoveAsync(It.IsAny<IReadOnlyCollection<LeadEvent>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_pass_reads_past_the_grace_period_page_by_page_and_publishes_each_lead_in_sequence_order_before_removing()
    {
        var cutOffs = new List<DateTimeOffset>();
        var pages = new Dictionary<string, LeadEventPage>
        {
            [""] = new([Event("b", 2), Event("a", 1), Event("b", 1)], "next"),
            ["next"] = new([Event("c", 1)], null),
        };
        _h.Outbox.Setup(o => o.ReadPendingAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((DateTimeOffset before, int _, string? token, CancellationToken _) =>
            {
                cutOffs.Add(before);
                return pages[token ?? ""];
            });
        var published = new List<string>();
        _h.EventPublisher.Setup(p => p.PublishAsync(It.IsAny<IReadOnlyList<LeadEvent>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<LeadEvent> events, CancellationToken _) => { published.AddRange(events.Select(e => e.EventId)); _calls.Add("publish"); })
            .Returns(Task.CompletedTask);
        _h.Outbox.Setup(o => o.RemoveAsync(It.IsAny<IReadOnlyCollection<LeadEvent>>(), It.IsAny<CancellationToken>()))
            .Callback(() => _calls.Add("remove"))
            .Returns(Task.CompletedTask);

        var relayed = await _h.Relay.RelayPendingAsync(CancellationToken.None);

        Assert.Equal(4, relayed);
        Assert.Equal(["a:1", "b:1", "b:2", "c:1"], published);
        Assert.Equal(["publish", "remove", "publish", "remove"], _calls);
        Assert.All(cutOffs, c => Assert.Equal(_h.Now - TimeSpan.FromSeconds(5), c));
    }

    [Fact]
    public async Task A_pass_whose_publish_fails_removes_nothing()
    {
        _h.Outbox.Setup(o => o.ReadPendingAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new LeadEventPage([Event("a", 1)], null));
        _h.EventPublisher.Setup(p => p.PublishAsync(It.IsAny<IReadOnlyList<LeadEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("topic down"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => _h.Relay.RelayPendingAsync(CancellationToken.None));

        _h.Outbox.Verify(o => o.RemoveAsync(It.IsAny<IReadOnlyCollection<LeadEvent>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private LeadEvent Event(string leadId, long sequence) => OutboxTestEvents.StatusChanged(leadId, sequence, _h.Now);
}
