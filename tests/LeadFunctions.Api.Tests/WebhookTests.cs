using System.Diagnostics;
using System.Net;
using Azure.Storage.Queues;
using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Engine.Events;

namespace LeadFunctions.Api.Tests;

/// <summary>
/// Webhooks end to end on the local host: an event on the lead-events queue is POSTed signed to the receiver; a receiver
/// that never answers 2xx gets the event dead-lettered, listed by the keyed admin route and redelivered on request;
/// a hanging receiver does not slow intake.
/// </summary>
public sealed class WebhookTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly HttpClient _client = factory.Keyed();

    [Fact]
    public async Task An_event_on_the_queue_reaches_the_receiver_signed_and_without_the_person()
    {
        factory.Receiver.Answer = _ => 200;
        var leadEvent = Event(NewLeadId(), 1);

        await PublishAsync(leadEvent);

        var received = await ReceivedAsync(leadEvent.EventId, accepted: true);
        Assert.True(WebhookSignature.Verify(received.Body, received.Header(WebhookSignature.Header), WebhookApiFactory.Secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.Equal(LeadEventJson.Write(leadEvent with { Person = null }), received.Text);
        Assert.DoesNotContain("example.com", received.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_that_never_takes_the_event_gets_it_dead_lettered_listed_and_redelivered_on_request()
    {
        var leadId = NewLeadId();
        var leadEvent = Event(leadId, 1);
        factory.Receiver.Answer = _ => 500;

        await PublishAsync(leadEvent);
        var dead = await WaitForDeadAsync(leadEvent.EventId);

        Assert.Equal("Dead", dead.GetProperty("state").GetString());
        Assert.Equal("HTTP 500", dead.GetProperty("lastError").GetString());
        Assert.True(dead.GetProperty("attempts").GetInt32() >= 2);
        Assert.False(dead.TryGetProperty("event", out _));
        Assert.DoesNotContain(factory.Receiver.Url, dead.GetRawText(), StringComparison.Ordinal);

        factory.Receiver.Answer = _ => 200;
        var deliveryId = dead.GetProperty("deliveryId").GetString()!;
        var redeliver = await _client.PostAsync($"/api/admin/deliveries/{deliveryId}/redeliver", null);
        Assert.Equal(HttpStatusCode.OK, redeliver.StatusCode);
        Assert.Equal("Pending", (await redeliver.JsonAsync()).GetProperty("state").GetString());

        await ReceivedAsync(leadEvent.EventId, accepted: true);
        Assert.DoesNotContain(await ListAsync("dead"), d => d.GetProperty("eventId").GetString() == leadEvent.EventId);

        // Delivered rows are deleted just after the receiver's 2xx: wait for that before asking for it again.
        using var timeout = new CancellationTokenSource(Bound);
        while ((await ListAsync("pending")).Any(d => d.GetProperty("eventId").GetString() == leadEvent.EventId))
        {
            await Task.Delay(100, timeout.Token);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync($"/api/admin/deliveries/{deliveryId}/redeliver", null)).StatusCode);
    }

    [Fact]
    public async Task A_receiver_down_for_a_while_gets_everything_afterwards_in_each_leads_order()
    {
        // Down until each lead has been refused, plus half a second, of a 5 s retry window (room for a loaded CI machine
        // to reach the receiver again before it ends): the shrunk stand-in for a
        // minute of 500s in a day's window.
        var down = true;
        factory.Receiver.Answer = _ => Volatile.Read(ref down) ? 500 : 200;
        var leads = Enumerable.Range(0, 3).Select(_ => NewLeadId()).ToList();
        var events = leads.SelectMany(lead => Enumerable.Range(1, 4).Select(sequence => Event(lead, sequence))).ToList();

        foreach (var leadEvent in events)
        {
            await PublishAsync(leadEvent);
        }

        var ids = events.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
        await WaitUntilAsync(() => leads.All(lead => factory.Receiver.Received.Any(r => r.Header(WebhookSignature.EventIdHeader) == lead + ":1")));
        await Task.Delay(500);
        Volatile.Write(ref down, false);

        await WaitUntilAsync(() => ids.All(id => factory.Receiver.Accepted.Any(r => r.Header(WebhookSignature.EventIdHeader) == id)));
        foreach (var lead in leads)
        {
            var order = factory.Receiver.Accepted.Select(r => r.Header(WebhookSignature.EventIdHeader)!)
                .Where(id => id.StartsWith(lead + ":", StringComparison.Ordinal)).Distinct().ToList();
            Assert.Equal(Enumerable.Range(1, 4).Select(sequence => LeadEvent.IdOf(lead, sequence)), order);
        }
    }

    [Fact]
    public async Task Leads_are_delivered_side_by_side_while_each_leads_events_keep_their_order()
    {
        // Every answer takes 300 ms: one at a time, no two posts could start within 300 ms of each other.
        var started = new System.Collections.Concurrent.ConcurrentQueue<long>();
        factory.Receiver.Answer = _ =>
        {
            started.Enqueue(Stopwatch.GetTimestamp());
            return 200;
        };
        factory.Receiver.Delay = TimeSpan.FromMilliseconds(300);
        try
        {
            var leads = Enumerable.Range(0, 6).Select(_ => NewLeadId()).ToList();
            var events = Enumerable.Range(1, 3).SelectMany(sequence => leads.Select(lead => Event(lead, sequence))).ToList();
            foreach (var leadEvent in events)
            {
                await PublishAsync(leadEvent);
            }

            var ids = events.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
            await WaitUntilAsync(() => ids.All(id => factory.Receiver.Accepted.Any(r => r.Header(WebhookSignature.EventIdHeader) == id)));
            foreach (var lead in leads)
            {
                var order = factory.Receiver.Accepted.Select(r => r.Header(WebhookSignature.EventIdHeader)!)
                    .Where(id => id.StartsWith(lead + ":", StringComparison.Ordinal)).Distinct().ToList();
                Assert.Equal(Enumerable.Range(1, 3).Select(sequence => LeadEvent.IdOf(lead, sequence)), order);
            }

            var starts = started.Order().ToList();
            Assert.Contains(starts.Zip(starts.Skip(1)), pair => Stopwatch.GetElapsedTime(pair.First, pair.Second) < TimeSpan.FromMilliseconds(150));
        }
        finally
        {
            factory.Receiver.Delay = TimeSpan.Zero;
            factory.Receiver.Answer = _ => 200;
        }
    }

    [Fact]
    public async Task A_lead_whose_receiver_is_slow_holds_up_only_its_own_events()
    {
        var slow = NewLeadId();
        var quick = NewLeadId();
        factory.Receiver.DelayOf = id => id.StartsWith(slow + ":", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(900) : TimeSpan.Zero;
        try
        {
            await PublishAsync(Event(slow, 1));
            await PublishAsync(Event(quick, 1));
            await WaitUntilAsync(() => factory.Receiver.Accepted.Any(r => r.Header(WebhookSignature.EventIdHeader) == LeadEvent.IdOf(quick, 1)));

            // Received while the slow lead's first event is still on the wire: they go at once, not after it.
            await PublishAsync(Event(quick, 2));
            await PublishAsync(Event(quick, 3));

            var lastQuick = await ReceivedAsync(LeadEvent.IdOf(quick, 3), accepted: true);
            var firstSlow = await ReceivedAsync(LeadEvent.IdOf(slow, 1), accepted: false);
            Assert.True(lastQuick.At < firstSlow.At, $"{lastQuick.At:HH:mm:ss.fff} is not before {firstSlow.At:HH:mm:ss.fff}");
        }
        finally
        {
            factory.Receiver.DelayOf = _ => TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_hanging_receiver_does_not_slow_intake()
    {
        factory.Receiver.Answer = _ => 200;
        factory.Receiver.Delay = TimeSpan.FromSeconds(20);
        try
        {
            var arrived = factory.Receiver.Arrived;
            await PublishAsync(Event(NewLeadId(), 1));
            await WaitUntilAsync(() => factory.Receiver.Arrived > arrived);

            var watch = Stopwatch.StartNew();
            await _client.NewLeadAsync();
            Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        }
        finally
        {
            factory.Receiver.Delay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task The_admin_routes_are_keyed_and_refuse_what_they_cannot_answer()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Anonymous().GetAsync("/api/admin/deliveries?state=dead")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Anonymous().PostAsync("/api/admin/deliveries/x/redeliver", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/admin/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/admin/deliveries?state=gone")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/admin/deliveries?state=dead&pageSize=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/admin/deliveries?state=dead&continuationToken=%25%25")).StatusCode);

        var unknown = await _client.PostAsync("/api/admin/deliveries/wh-000000000000:ld-nobody:1/redeliver", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/admin/deliveries?state=pending&pageSize=5")).StatusCode);
    }

    private static string NewLeadId() => "ld-" + Guid.NewGuid().ToString("N")[..24];

    private static LeadEvent Event(string leadId, long sequence) => new(
        LeadEvent.IdOf(leadId, sequence),
        LeadEventType.OwnerAssigned,
        leadId,
        sequence,
        DateTimeOffset.UtcNow.AddSeconds(-2),
        DateTimeOffset.UtcNow.AddSeconds(-1),
        "router",
        null,
        "cmd-" + Guid.NewGuid().ToString("N"),
        null,
        new LeadPlacement(LifecycleStage.SQL, "SQL", LeadStatus.New, null, "rep-ann", Team.Sales, "emea"),
        Quadrant.HighInterestGoodFit,
        "Hot! Hot! Hot!",
        Person: new LeadEventPerson("ann.buyer@example.com", "Ann", "Buyer", "Acme Industries", null));

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!done())
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private async Task PublishAsync(LeadEvent leadEvent)
    {
        var queue = new QueueClient(factory.ConnectionString, factory.LeadEventsQueueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(LeadEventJson.Write(leadEvent));
    }

    private async Task<TestSupport.ReceivedWebhook> ReceivedAsync(string eventId, bool accepted)
    {
        TestSupport.ReceivedWebhook? found = null;
        await WaitUntilAsync(() => (found = factory.Receiver.Received.FirstOrDefault(r =>
            r.Header(WebhookSignature.EventIdHeader) == eventId && (!accepted || r.Status == 200))) is not null);
        return found!;
    }

    private async Task<System.Text.Json.JsonElement> WaitForDeadAsync(string eventId)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (true)
        {
            var dead = (await ListAsync("dead")).FirstOrDefault(d => d.GetProperty("eventId").GetString() == eventId);
            if (dead.ValueKind != System.Text.Json.JsonValueKind.Undefined)
            {
                return dead;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private async Task<List<System.Text.Json.JsonElement>> ListAsync(string state)
    {
        var items = new List<System.Text.Json.JsonElement>();
        string? token = null;
        do
        {
            var response = await _client.GetAsync($"/api/admin/deliveries?state={state}&pageSize=100" + (token is null ? string.Empty : "&continuationToken=" + token));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            items.AddRange(page.GetProperty("items").EnumerateArray());
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return items;
    }
}
