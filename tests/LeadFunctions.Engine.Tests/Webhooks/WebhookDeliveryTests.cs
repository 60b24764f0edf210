using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Events;
using LeadFunctions.Engine.Telemetry;
using LeadFunctions.Engine.Tests.Support;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.Engine.Webhooks;
using LeadFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadFunctions.Engine.Tests.Webhooks;

/// <summary>The handler and the retry pass against a real receiver on 127.0.0.1, on a fake clock for the retry schedule.</summary>
public sealed class WebhookDeliveryTests : IDisposable
{
    private const string Secret = "whsec_delivery_tests_0123";

    private readonly WebhookReceiver _receiver = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryDeliveryStore _store = new();
    private readonly WebhookOptions _options;
    private readonly WebhookSender _sender;
    private readonly WebhookDeliveryHandler _handler;
    private readonly WebhookRetryPass _pass;
    private readonly WebhookDeliveriesAdmin _admin;
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MetricRecorder _metrics;
    private readonly LeadTelemetry _telemetry;

    public WebhookDeliveryTests()
    {
        _options = new WebhookOptions
        {
            Webhooks = [new WebhookSubscriber { Url = _receiver.Url, Secret = Secret }],
            Timeout = TimeSpan.FromSeconds(1),
        };
        var meterFactory = _meters.GetRequiredService<IMeterFactory>();
        _metrics = new MetricRecorder(meterFactory);
        _telemetry = new LeadTelemetry(meterFactory);
        var options = Options.Create(_options);
        var schedule = new WebhookRetrySchedule(options);
        _sender = new WebhookSender(options, _clock);
        var circuit = new WebhookCircuit(options, _clock, NullLogger<WebhookCircuit>.Instance);
        _handler = new WebhookDeliveryHandler(_store, _sender, circuit, schedule, options, _clock, _telemetry, NullLogger<WebhookDeliveryHandler>.Instance);
        _pass = new WebhookRetryPass(_store, _sender, circuit, schedule, options, _clock, _telemetry, NullLogger<WebhookRetryPass>.Instance);
        _admin = new WebhookDeliveriesAdmin(_store, _clock);
    }

    private string SubscriberId => _options.Webhooks[0].Id;

    [Fact]
    public async Task A_delivered_event_is_signed_carries_its_id_and_leaves_nothing_behind()
    {
        var leadEvent = SampleEvents.Assigned(1);

        await _handler.HandleAsync(leadEvent, CancellationToken.None);

        var received = Assert.Single(_receiver.Received);
        Assert.Equal(leadEvent.EventId, received.Header(WebhookSignature.EventIdHeader));
        Assert.True(WebhookSignature.Verify(received.Body, received.Header(WebhookSignature.Header), Secret, _clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(received.Body, received.Header(WebhookSignature.Header), "another-secret-0123456", _clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.Equal(LeadEventJson.Write(leadEvent with { Person = null }), received.Text);
        Assert.Empty(_store.All);
    }

    [Fact]
    public async Task A_delivery_is_counted_per_subscriber_and_type_and_an_assignment_records_its_speed_to_lead()
    {
        var assigned = SampleEvents.Assigned(1);
        _clock.SetUtcNow(assigned.OccurredAt.AddMilliseconds(750));

        await _handler.HandleAsync(assigned, CancellationToken.None);
        await _handler.HandleAsync(SampleEvents.Status(2), CancellationToken.None);

        Assert.Equal(1, _metrics.Sum("leadfunctions.webhooks.delivered", ("subscriber", SubscriberId), ("type", "OwnerAssigned")));
        Assert.Equal(1, _metrics.Sum("leadfunctions.webhooks.delivered", ("subscriber", SubscriberId), ("type", "StatusChanged")));
        var speed = Assert.Single(_metrics.All, m => m.Instrument == "leadfunctions.webhooks.speed_to_lead");
        Assert.Equal(750, speed.Value);
        Assert.Equal("OwnerAssigned", speed.Tags["type"]);
        Assert.Equal(0, _metrics.Sum("leadfunctions.webhooks.failed"));
    }

    [Fact]
    public async Task A_delivery_that_needed_a_retry_counts_the_failure_and_its_whole_wait()
    {
        var assigned = SampleEvents.Assigned(1);
        _clock.SetUtcNow(assigned.OccurredAt.AddSeconds(1));
        _receiver.Answer = n => n == 0 ? 503 : 200;

        await _handler.HandleAsync(assigned, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _pass.RunAsync(CancellationToken.None);

        Assert.Equal(1, _metrics.Sum("leadfunctions.webhooks.failed", ("subscriber", SubscriberId), ("type", "OwnerAssigned"), ("outcome", "retry")));
        Assert.Equal(1, _metrics.Sum("leadfunctions.webhooks.delivered", ("type", "OwnerAssigned")));
        Assert.Equal(61_000, Assert.Single(_metrics.All, m => m.Instrument == "leadfunctions.webhooks.speed_to_lead").Value);
    }

    [Fact]
    public async Task A_transport_message_that_is_not_a_lead_event_is_dead_lettered()
    {
        var handling = await _handler.HandleAsync(Encoding.UTF8.GetBytes("{\"nope\": true"), CancellationToken.None);

        Assert.Equal(MessageSettlement.DeadLetter, handling.Settlement);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task Subscribers_get_only_the_types_they_asked_for()
    {
        _options.Webhooks[0].Events = ["StageChanged"];

        await _handler.HandleAsync(SampleEvents.Assigned(), CancellationToken.None);

        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task A_receiver_that_fails_then_recovers_gets_every_event_once_in_the_leads_order()
    {
        _receiver.Answer = n => n < 3 ? 500 : 200;

        await _handler.HandleAsync(SampleEvents.Status(1), CancellationToken.None);
        await _handler.HandleAsync(SampleEvents.Status(2), CancellationToken.None);
        await _handler.HandleAsync(SampleEvents.Status(3), CancellationToken.None);
        await _handler.HandleAsync(SampleEvents.Status(1, "ld-bbbbbbbbbbbbbbbbbbbbbbbb"), CancellationToken.None);

        // Events 2 and 3 wait behind 1 without being tried: only the head of each lead's line is sent.
        Assert.Equal([DeliveryState.Pending, DeliveryState.Queued, DeliveryState.Queued], _store.All.Where(d => d.LeadId == SampleEvents.LeadId).Select(d => d.State));
        Assert.Equal(2, _receiver.Received.Count);

        for (var i = 0; i < 20 && _store.All.Count > 0; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await _pass.RunAsync(CancellationToken.None);
        }

        Assert.Empty(_store.All);
        var accepted = _receiver.Accepted.Where(r => r.Header(WebhookSignature.EventIdHeader)!.StartsWith(SampleEvents.LeadId, StringComparison.Ordinal))
            .Select(r => r.Header(WebhookSignature.EventIdHeader)).ToList();
        Assert.Equal([LeadEvent.IdOf(SampleEvents.LeadId, 1), LeadEvent.IdOf(SampleEvents.LeadId, 2), LeadEvent.IdOf(SampleEvents.LeadId, 3)], accepted);
        Assert.Equal(4, _receiver.Accepted.Count);
    }

    [Fact]
    public async Task A_subscriber_that_wants_only_some_types_gets_them_at_once_after_the_types_it_skips()
    {
        _options.Webhooks[0].Events = [nameof(LeadEventType.OwnerAssigned)];
        var created = SampleEvents.Status(1) with { Type = LeadEventType.LeadCreated };
        var assigned = SampleEvents.Assigned(2);

        // The consumer hands the handler every event while a subscriber exists: a skipped type still moves the lead's
        // mark, so the wanted one after it is not held as if an earlier event were still on its way.
        Assert.True(_handler.Concerns(created));
        await _handler.HandleAsync(created, CancellationToken.None);
        await _handler.HandleAsync(assigned, CancellationToken.None);

        Assert.Empty(_store.All);
        Assert.Equal([2L], _receiver.Accepted.Select(r => LeadEventJson.Read(r.Text).Sequence));
    }

    [Fact]
    public async Task An_event_that_arrives_before_an_earlier_one_of_its_lead_waits_for_it()
    {
        // Event 2 is late: a stopped consumer had received its message, which comes back when its visibility timeout ends
        // (scripts/reliability/webhook-crash.sh found first deliveries 2, 3, 4, 1 this way).
        await _handler.HandleAsync(SampleEvents.Status(1), CancellationToken.None);
        await _handler.HandleAsync(SampleEvents.Status(3), CancellationToken.None);
        await _handler.HandleAsync(SampleEvents.Status(4), CancellationToken.None);
        Assert.Single(_receiver.Received);

        _clock.Advance(TimeSpan.FromSeconds(60));
        await _handler.HandleAsync(SampleEvents.Status(2), CancellationToken.None);

        // Event 2 had nothing ahead of it, and the event held for it is due at once: one pass, no waiting for the hold.
        await _pass.RunAsync(CancellationToken.None);

        Assert.Empty(_store.All);
        Assert.Equal(
            [1, 2, 3, 4],
            _receiver.Accepted.Select(r => LeadEventJson.Read(r.Text).Sequence));
    }

    [Fact]
    public async Task An_event_cut_off_mid_send_still_holds_the_next_one_of_its_lead()
    {
        // The host stops (or dies) while event 1 is on the wire: its message comes back later, and event 2, arriving
        // first, must wait for it.
        _receiver.Delay = TimeSpan.FromSeconds(30);
        using (var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _handler.HandleAsync(SampleEvents.Status(1), stopping.Token));
        }

        _receiver.Delay = TimeSpan.Zero;
        await _handler.HandleAsync(SampleEvents.Status(2), CancellationToken.None);
        Assert.Equal(WebhookDeliveryHandler.HeldForEarlier, Assert.Single(_store.All).LastError);

        await _handler.HandleAsync(SampleEvents.Status(1), CancellationToken.None);
        await _pass.RunAsync(CancellationToken.None);

        Assert.Equal([1L, 2L], _receiver.Accepted.Select(r => LeadEventJson.Read(r.Text).Sequence));
    }

    [Fact]
    public async Task A_held_event_goes_when_the_hold_ends_if_the_earlier_one_never_comes()
    {
        await _handler.HandleAsync(SampleEvents.Status(2), CancellationToken.None);
        var held = Assert.Single(_store.All);
        Assert.Equal(WebhookDeliveryHandler.HeldForEarlier, held.LastError);
        Assert.Empty(_receiver.Received);

        _clock.Advance(_options.Retry.OrderHold - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await _pass.RunAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _pass.RunAsync(CancellationToken.None));
        Assert.Equal(LeadEvent.IdOf(SampleEvents.LeadId, 2), Assert.Single(_receiver.Accepted).Header(WebhookSignature.EventIdHeader));
        Assert.Empty(_store.All);
    }

    [Fact]
    public async Task A_retry_is_not_sent_before_it_is_due()
    {
        _receiver.Answer = n => n == 0 ? 503 : 200;
        await _handler.HandleAsync(SampleEvents.Status(1), CancellationToken.None);
        var pending = Assert.Single(_store.All);
        Assert.Equal("HTTP 503", pending.LastError);

        Assert.Equal(0, await _pass.RunAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(1, await _pass.RunAsync(CancellationToken.None));
        Assert.Empty(_store.All);
    }

    [Fact]
    public async Task A_receiver_that_never_recovers_gets_the_event_dead_lettered_after_the_window_and_redelivery_revives_it()
    {
        _receiver.Answer = _ => 500;
        await _handler.HandleAsync(SampleEvents.Status(1), CancellationToken.None);
        await _handler.HandleAsync(SampleEvents.Status(2), CancellationToken.None);

        for (var i = 0; i < 40; i++)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            await _pass.RunAsync(CancellationToken.None);
        }

        Assert.All(_store.All, d => Assert.Equal(DeliveryState.Dead, d.State));
        Assert.Equal(2, _metrics.Sum("leadfunctions.webhooks.failed", ("subscriber", SubscriberId), ("type", "StatusChanged"), ("outcome", "dead")));
        Assert.Equal(2, (await _admin.ListAsync(DeliveryState.Dead, 25, null, CancellationToken.None)).Deliveries.Count);
        var dead = _store.All[0];
        Assert.Equal("HTTP 500", dead.LastError);
        Assert.True(dead.Attempts > 5);

        _receiver.Answer = _ => 200;
        var redelivered = await _admin.RedeliverAsync(dead.Id, CancellationToken.None);
        Assert.Equal(RedeliverStatus.Redelivered, redelivered.Status);
        Assert.Equal(DeliveryState.Pending, redelivered.Delivery!.State);
        Assert.Equal(RedeliverStatus.NotDead, (await _admin.RedeliverAsync(dead.Id, CancellationToken.None)).Status);
        Assert.Equal(RedeliverStatus.NoSuchDelivery, (await _admin.RedeliverAsync(SubscriberId + ":ld-nobody:9", CancellationToken.None)).Status);
        Assert.Equal(RedeliverStatus.NoSuchDelivery, (await _admin.RedeliverAsync("garbage", CancellationToken.None)).Status);

        await _pass.RunAsync(CancellationToken.None);
        Assert.Equal(LeadEvent.IdOf(SampleEvents.LeadId, 1), _receiver.Accepted.Single().Header(WebhookSignature.EventIdHeader));
        Assert.Equal(DeliveryState.Dead, Assert.Single(_store.All).State);
    }

    [Fact]
    public async Task A_queued_delivery_left_with_nothing_ahead_of_it_is_found_by_the_periodic_queued_scan()
    {
        // What the handler leaves when it queues an event just as the pass empties the line ahead of it.
        var orphan = Orphan(SampleEvents.Status(5));
        await _store.TryAddAsync(orphan, CancellationToken.None);

        Assert.Equal(1, await _pass.RunAsync(CancellationToken.None));
        Assert.Empty(_store.All);

        await _store.TryAddAsync(Orphan(SampleEvents.Status(6)), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await _pass.RunAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await _pass.RunAsync(CancellationToken.None));
        Assert.Equal([LeadEvent.IdOf(SampleEvents.LeadId, 5), LeadEvent.IdOf(SampleEvents.LeadId, 6)], _receiver.Accepted.Select(r => r.Header(WebhookSignature.EventIdHeader)));
    }

    [Fact]
    public async Task A_hanging_receiver_costs_one_timeout_and_the_event_waits_for_a_retry()
    {
        _receiver.Delay = TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();

        await _handler.HandleAsync(SampleEvents.Status(1), CancellationToken.None);

        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal("timeout", Assert.Single(_store.All).LastError);
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_left_alone_for_a_while_then_gets_everything()
    {
        _receiver.Answer = _ => 500;
        var leads = Enumerable.Range(0, 7).Select(i => $"ld-circuit{i:D2}aaaaaaaaaaaaaaaa").ToList();

        foreach (var lead in leads)
        {
            await _handler.HandleAsync(SampleEvents.Status(1, lead), CancellationToken.None);
        }

        // Five failures in a row open the circuit: the last two leads' events are recorded without a POST.
        Assert.Equal(5, _receiver.Arrived);
        Assert.Equal(2, _store.All.Count(d => d.LastError == WebhookDeliveryHandler.NotSentCircuitOpen && d.Attempts == 0));
        await _pass.RunAsync(CancellationToken.None);
        Assert.Equal(5, _receiver.Arrived);

        _receiver.Answer = _ => 200;
        _clock.Advance(TimeSpan.FromSeconds(30));
        await _pass.RunAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _pass.RunAsync(CancellationToken.None);

        Assert.Empty(_store.All);
        Assert.Equal(leads.Order(), _receiver.Accepted.Select(r => LeadEventJson.Read(r.Text).LeadId).Order());
    }

    [Fact]
    public async Task A_hanging_receiver_stops_costing_each_new_lead_a_timeout_and_the_other_subscriber_gets_every_event()
    {
        using var hanging = new WebhookReceiver { Delay = TimeSpan.FromSeconds(30) };
        _options.Webhooks.Add(new WebhookSubscriber { Url = hanging.Url, Secret = Secret });
        _options.Circuit.FailuresToOpen = 2;
        var hangingId = _options.Webhooks[1].Id;

        for (var i = 0; i < 6; i++)
        {
            await _handler.HandleAsync(SampleEvents.Status(1, $"ld-hang{i:D2}aaaaaaaaaaaaaaaaaaa"), CancellationToken.None);
        }

        Assert.Equal(6, _receiver.Accepted.Count);
        var waiting = _store.All.Where(d => d.SubscriberId == hangingId).ToList();
        Assert.Equal(6, waiting.Count);
        Assert.Equal(2, waiting.Count(d => d.LastError == "timeout"));
        Assert.Equal(4, waiting.Count(d => d.LastError == WebhookDeliveryHandler.NotSentCircuitOpen));
        Assert.Equal(2, hanging.Arrived);
    }

    [Fact]
    public async Task The_same_event_twice_is_recorded_and_sent_once()
    {
        await _handler.HandleAsync(SampleEvents.Status(1), CancellationToken.None);
        _receiver.Answer = _ => 500;

        await _handler.HandleAsync(SampleEvents.Status(2), CancellationToken.None);
        await _handler.HandleAsync(SampleEvents.Status(2), CancellationToken.None);

        Assert.Equal(2L, Assert.Single(_store.All).Sequence);
        await _receiver.WaitForAsync(r => r.Received.Count >= 2, TimeSpan.FromSeconds(10));
        Assert.Equal([1L, 2L], _receiver.Received.Select(r => LeadEventJson.Read(r.Text).Sequence));
    }

    [Fact]
    public async Task A_leads_first_events_are_sent_without_reading_its_line_or_mark()
    {
        await _handler.HandleAsync([SampleEvents.Status(1), SampleEvents.Status(2), SampleEvents.Status(3)], CancellationToken.None);

        Assert.Equal(0, _store.Reads);
        Assert.Equal([1L, 2L, 3L], _receiver.Accepted.Select(r => LeadEventJson.Read(r.Text).Sequence));
        Assert.Equal(3, await _store.HighestHandledAsync(SampleEvents.LeadId, CancellationToken.None));
    }

    [Fact]
    public async Task A_leads_first_event_coming_again_is_recorded_once_though_sent_again()
    {
        // The price of not reading the line before a lead's first events: a redelivered first message goes out again at
        // once (receivers deduplicate on the event id), but the failure is recorded once and retried on its schedule.
        _receiver.Answer = _ => 500;

        await _handler.HandleAsync(SampleEvents.Status(1), CancellationToken.None);
        await _handler.HandleAsync(SampleEvents.Status(1), CancellationToken.None);

        var recorded = Assert.Single(_store.All);
        Assert.Equal((1L, 1), (recorded.Sequence, recorded.Attempts));
        await _receiver.WaitForAsync(r => r.Received.Count >= 2, TimeSpan.FromSeconds(10));
        Assert.All(_receiver.Received, r => Assert.Equal(1L, LeadEventJson.Read(r.Text).Sequence));
    }

    [Fact]
    public async Task Erasing_a_lead_takes_its_person_out_of_the_deliveries_still_waiting()
    {
        _options.Webhooks[0].IncludePerson = true;
        _receiver.Answer = _ => 500;
        await _handler.HandleAsync(SampleEvents.Status(1), CancellationToken.None);
        await _handler.HandleAsync(SampleEvents.Status(2), CancellationToken.None);
        Assert.All(_store.All, d => Assert.Contains(SampleEvents.Person.Email, d.EventJson, StringComparison.Ordinal));

        await _handler.HandleAsync(SampleEvents.Status(3) with { Type = LeadEventType.Erased, Person = null }, CancellationToken.None);

        Assert.Equal(3, _store.All.Count);
        Assert.All(_store.All, d => Assert.DoesNotContain(SampleEvents.Person.Email, d.EventJson, StringComparison.Ordinal));
        Assert.All(_store.All, d => Assert.Null(LeadEventJson.Read(d.EventJson).Person));
    }

    [Fact]
    public async Task A_leads_events_taken_in_together_go_out_in_order_and_queue_behind_one_that_failed()
    {
        _receiver.Answer = n => n == 1 ? 503 : 200;

        await _handler.HandleAsync([SampleEvents.Status(3), SampleEvents.Status(1), SampleEvents.Status(2)], CancellationToken.None);

        Assert.Equal([(2L, DeliveryState.Pending), (3L, DeliveryState.Queued)], _store.All.OrderBy(d => d.Sequence).Select(d => (d.Sequence, d.State)));

        // The receiver records a request when it answers, which on a loaded machine can be after the sender gave up on it.
        await _receiver.WaitForAsync(r => r.Received.Count >= 2, TimeSpan.FromSeconds(10));
        Assert.Equal([1L, 2L], _receiver.Received.Select(r => LeadEventJson.Read(r.Text).Sequence));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _pass.RunAsync(CancellationToken.None);
        Assert.Equal([1L, 2L, 3L], _receiver.Accepted.Select(r => LeadEventJson.Read(r.Text).Sequence));
        Assert.Equal(3, await _store.HighestHandledAsync(SampleEvents.LeadId, CancellationToken.None));
    }

    [Fact]
    public async Task A_group_that_starts_after_a_gap_is_held_for_the_missing_event_and_released_by_it()
    {
        await _handler.HandleAsync(SampleEvents.Status(1), CancellationToken.None);

        await _handler.HandleAsync([SampleEvents.Status(3), SampleEvents.Status(4)], CancellationToken.None);
        Assert.Single(_receiver.Received);
        Assert.Equal(WebhookDeliveryHandler.HeldForEarlier, _store.All.Single(d => d.Sequence == 3).LastError);

        await _handler.HandleAsync(SampleEvents.Status(2), CancellationToken.None);
        await _pass.RunAsync(CancellationToken.None);

        Assert.Equal([1L, 2L, 3L, 4L], _receiver.Accepted.Select(r => LeadEventJson.Read(r.Text).Sequence));
        Assert.Empty(_store.All);
    }

    [Fact]
    public async Task A_leads_first_events_coming_again_do_not_lower_how_far_its_events_were_taken_in()
    {
        await _handler.HandleAsync([SampleEvents.Status(1), SampleEvents.Status(2)], CancellationToken.None);
        await _handler.HandleAsync(SampleEvents.Status(3), CancellationToken.None);

        // The first message comes again (its delete was lost): the mark stays at 3, so event 4 is not held for events that came long ago.
        await _handler.HandleAsync([SampleEvents.Status(1), SampleEvents.Status(2)], CancellationToken.None);
        await _handler.HandleAsync(SampleEvents.Status(4), CancellationToken.None);

        Assert.Equal(4, await _store.HighestHandledAsync(SampleEvents.LeadId, CancellationToken.None));
        Assert.Empty(_store.All);
        Assert.Equal(4L, LeadEventJson.Read(_receiver.Accepted[^1].Text).Sequence);
    }

    [Fact]
    public async Task A_message_of_several_leads_events_is_taken_in_lead_by_lead()
    {
        const string Other = "ld-bbbbbbbbbbbbbbbbbbbbbbbb";
        var events = new[] { SampleEvents.Status(1), SampleEvents.Status(1, Other), SampleEvents.Status(2), SampleEvents.Status(2, Other) };
        var message = LeadEventMessageJson.Pack(events.Select(LeadEventJson.Write));

        var handling = await _handler.HandleAsync(Encoding.UTF8.GetBytes(Assert.Single(message)), CancellationToken.None);

        Assert.Equal(MessageSettlement.Complete, handling.Settlement);
        foreach (var lead in new[] { SampleEvents.LeadId, Other })
        {
            Assert.Equal([1L, 2L], _receiver.Accepted.Select(r => LeadEventJson.Read(r.Text)).Where(e => e.LeadId == lead).Select(e => e.Sequence));
        }
    }

    private WebhookDelivery Orphan(LeadEvent leadEvent) => new(
        SubscriberId, leadEvent.LeadId, leadEvent.Sequence, leadEvent.Type, DeliveryState.Queued, 0, _clock.GetUtcNow(), _clock.GetUtcNow(), null, null,
        LeadEventJson.Write(leadEvent with { Person = null }));

    public void Dispose()
    {
        _sender.Dispose();
        _receiver.Dispose();
        _metrics.Dispose();
        _telemetry.Dispose();
        _meters.Dispose();
    }
}
