using System.Text.Json;
using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Events;
using LeadFunctions.Engine.Telemetry;
using LeadFunctions.Engine.Transitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Webhooks;

/// <summary>
/// Delivers a published lead event to every subscriber that wants it, off the request path (the lead-events topic's
/// webhooks subscription in Azure, the local lead-events queue locally). A subscriber with an earlier event of the same
/// lead still open gets this one queued behind it, so it sees the lead's events in order; a failed POST is recorded for
/// the retry pass. Subscribers are served side by side: one slow receiver does not hold up the others.
/// Store outages are thrown, so the transport gives the message back.
/// </summary>
public sealed partial class WebhookDeliveryHandler
{
    /// <summary>What a held delivery's LastError says (GET /api/admin/deliveries?state=pending shows it).</summary>
    public const string HeldForEarlier = "held for an earlier event of the lead";

    /// <summary>What a delivery recorded without a POST, while its subscriber's circuit is open, says.</summary>
    public const string NotSentCircuitOpen = "not sent: the receiver failed its last attempts; sent when it answers again";

    private readonly IWebhookDeliveryStore _store;
    private readonly WebhookSender _sender;
    private readonly WebhookCircuit _circuit;
    private readonly WebhookRetrySchedule _schedule;
    private readonly IOptions<WebhookOptions> _options;
    private readonly TimeProvider _time;
    private readonly LeadTelemetry _telemetry;
    private readonly ILogger<WebhookDeliveryHandler> _logger;

    public WebhookDeliveryHandler(
        IWebhookDeliveryStore store,
        WebhookSender sender,
        WebhookCircuit circuit,
        WebhookRetrySchedule schedule,
        IOptions<WebhookOptions> options,
        TimeProvider time,
        LeadTelemetry telemetry,
        ILogger<WebhookDeliveryHandler> logger)
    {
        _store = store;
        _sender = sender;
        _circuit = circuit;
        _schedule = schedule;
        _options = options;
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>
    /// For a transport message: one event's JSON, or an array of events (<see cref="LeadEventMessageJson"/>), handled
    /// lead by lead in the order given. Unreadable text is dead-lettered, since it never becomes readable.
    /// </summary>
    public async Task<MessageHandling> HandleAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        IReadOnlyList<LeadEvent> events;
        try
        {
            events = LeadEventMessageJson.Read(System.Text.Encoding.UTF8.GetString(message.Span));
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException)
        {
            return new MessageHandling(MessageSettlement.DeadLetter, "The message is not a lead event.", null);
        }

        foreach (var lead in events.GroupBy(e => e.LeadId, StringComparer.Ordinal))
        {
            await HandleAsync([.. lead], cancellationToken);
        }

        return new MessageHandling(MessageSettlement.Complete, null, null);
    }

    /// <summary>
    /// Whether handling the event does anything beyond acknowledging it: there is a subscriber, or it erases a person.
    /// An event no subscriber wants still concerns them while there is one: it raises its lead's handled mark, and a
    /// later event the subscriber does want would otherwise be held for it as if it were still on its way.
    /// </summary>
    public bool Concerns(LeadEvent leadEvent)
    {
        ArgumentNullException.ThrowIfNull(leadEvent);
        return leadEvent.Type == LeadEventType.Erased || _options.Value.Webhooks.Count > 0;
    }

    public Task HandleAsync(LeadEvent leadEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leadEvent);
        return HandleAsync([leadEvent], cancellationToken);
    }

    /// <summary>
    /// Takes in events of one lead that arrived together (one message, or one lead's share of it), lowest sequence
    /// first: each subscriber gets them in that order, and the lead's handled mark is read at most once and raised once.
    /// </summary>
    public async Task HandleAsync(IReadOnlyList<LeadEvent> leadEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leadEvents);
        if (leadEvents.Count == 0)
        {
            return;
        }

        var ordered = leadEvents.OrderBy(e => e.Sequence).ToList();
        var leadId = ordered[0].LeadId;
        if (ordered.Any(e => e.LeadId != leadId))
        {
            throw new ArgumentException("The events belong to more than one lead.", nameof(leadEvents));
        }

        // An erasure forgets the person of the deliveries stored before it, so the events ahead of it must be stored first.
        if (ordered.Count > 1 && ordered.Any(e => e.Type == LeadEventType.Erased))
        {
            foreach (var leadEvent in ordered)
            {
                await HandleAsync([leadEvent], cancellationToken);
            }

            return;
        }

        if (ordered[0].Type == LeadEventType.Erased)
        {
            await ForgetPersonAsync(leadId, cancellationToken);
        }

        // Messages can arrive out of the lead's order (a stopped consumer's received messages come back only when their
        // visibility timeout ends; two changes' fast paths race), so an event with an earlier one not yet taken in is
        // held for it rather than sent ahead of it. Nothing is earlier than a lead's first event, so its mark is not read.
        // The mark is raised only once every subscriber has the events sent or recorded: a mark raised beside the sends
        // let a host killed mid-send leave it up, so the lead's next event went out ahead of this one when its message
        // came back (webhook-crash.sh: first deliveries 2, 1).
        // A lead's first events have nothing open ahead of them either, so their lines are not read before sending: at
        // 200 hand-raises a second that read was one of five storage requests per lead. Only when the mark shows the
        // lead's events were taken in before (a redelivered message, or later events that came first and wait held)
        // are the lines read, to release what waits behind what was just sent. The price: a redelivered first message
        // is sent again at once instead of waiting for its retry (receivers deduplicate on the event id anyway).
        var first = ordered[0].Sequence == 1;
        long? stored = first ? null : await _store.HighestHandledAsync(leadId, cancellationToken);
        var earlierOnItsWay = EarlierOnItsWay(ordered, stored ?? 0);
        var subscribers = _options.Value.Webhooks;
        var delivered = await Task.WhenAll(subscribers.Select(
            s => DeliverLineAsync(s, [.. ordered.Where(e => s.Wants(e.Type))], earlierOnItsWay, readLine: !first, cancellationToken)));
        var takenInBefore = await RaiseHandledAsync(leadId, stored, ordered[^1].Sequence, cancellationToken);
        if (first && takenInBefore)
        {
            await Task.WhenAll(subscribers.Select((s, i) => ReleaseBehindAsync(s, leadId, delivered[i], cancellationToken)));
        }
    }

    /// <summary>For each event, whether one before it has not been taken in: not by the mark, nor earlier in this group.</summary>
    private static Dictionary<long, bool> EarlierOnItsWay(IReadOnlyList<LeadEvent> ordered, long handled)
    {
        var result = new Dictionary<long, bool>();
        foreach (var leadEvent in ordered)
        {
            result[leadEvent.Sequence] = leadEvent.Sequence > handled + 1;
            handled = Math.Max(handled, leadEvent.Sequence);
        }

        return result;
    }

    /// <summary>
    /// Raises the mark, never lowers it: a lead's first events claim it with an insert, which fails only when the lead's
    /// events were taken in before. Returns whether they were.
    /// </summary>
    private async Task<bool> RaiseHandledAsync(string leadId, long? stored, long highest, CancellationToken cancellationToken)
    {
        if (stored is null)
        {
            if (await _store.TryAddHandledAsync(leadId, highest, cancellationToken))
            {
                return false;
            }

            stored = await _store.HighestHandledAsync(leadId, cancellationToken);
        }

        if (highest > stored)
        {
            await _store.RecordHandledAsync(leadId, highest, cancellationToken);
        }

        return true;
    }

    /// <summary>For first events sent without reading the line: releases the events held for them, now that they are out.</summary>
    private async Task ReleaseBehindAsync(WebhookSubscriber subscriber, string leadId, IReadOnlyList<long> delivered, CancellationToken cancellationToken)
    {
        if (delivered.Count == 0)
        {
            return;
        }

        var open = await _store.ListLeadAsync(subscriber.Id, leadId, cancellationToken);
        foreach (var sequence in delivered)
        {
            await ReleaseNextAsync(open, sequence, cancellationToken);
        }
    }

    /// <summary>
    /// An erased lead's person leaves the deliveries still waiting too, for every subscriber whether or not it wants
    /// Erased events; the events themselves are still delivered, in order, without it.
    /// </summary>
    private async Task ForgetPersonAsync(string leadId, CancellationToken cancellationToken)
    {
        foreach (var subscriber in _options.Value.Webhooks.Where(s => s.IncludePerson))
        {
            foreach (var delivery in await _store.ListLeadAsync(subscriber.Id, leadId, cancellationToken))
            {
                var stored = LeadEventJson.Read(delivery.EventJson);
                if (stored.Person is not null)
                {
                    await _store.SaveAsync(delivery with { EventJson = LeadEventJson.Write(stored with { Person = null }) }, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// One subscriber's share of the events, one at a time: each is sent, queued behind an open one, or held. Returns the
    /// sequences delivered.
    /// </summary>
    /// <param name="readLine">False for a lead's first events: nothing of the lead is open, unless they came before.</param>
    private async Task<IReadOnlyList<long>> DeliverLineAsync(
        WebhookSubscriber subscriber, IReadOnlyList<LeadEvent> events, Dictionary<long, bool> earlierOnItsWay, bool readLine, CancellationToken cancellationToken)
    {
        var delivered = new List<long>();
        if (events.Count == 0)
        {
            return delivered;
        }

        var open = readLine ? (await _store.ListLeadAsync(subscriber.Id, events[0].LeadId, cancellationToken)).ToList() : [];
        foreach (var leadEvent in events)
        {
            if (open.All(d => d.Sequence != leadEvent.Sequence)
                && await DeliverAsync(subscriber, leadEvent, open, earlierOnItsWay[leadEvent.Sequence], cancellationToken))
            {
                delivered.Add(leadEvent.Sequence);
            }
        }

        return delivered;
    }

    /// <summary>
    /// Adds what it records to <paramref name="open"/>, so the lead's later events in the group queue behind it. Returns
    /// whether the event was delivered now.
    /// </summary>
    private async Task<bool> DeliverAsync(
        WebhookSubscriber subscriber, LeadEvent leadEvent, List<WebhookDelivery> open, bool earlierOnItsWay, CancellationToken cancellationToken)
    {
        var visible = WebhookBody.ForSubscriber(leadEvent, subscriber.IncludePerson);
        var now = _time.GetUtcNow();
        var delivery = new WebhookDelivery(
            subscriber.Id, leadEvent.LeadId, leadEvent.Sequence, leadEvent.Type, DeliveryState.Queued, 0, now, now, null, null, LeadEventJson.Write(visible));

        // Dead ones do not hold the line: after a day of failures, newer events go through when the receiver is back.
        // Only an earlier open event is ahead of this one; later ones still open were held for it.
        if (open.Any(d => d.State != DeliveryState.Dead && d.Sequence < leadEvent.Sequence))
        {
            await RecordAsync(delivery, open, cancellationToken);
            return false;
        }

        // Held, not queued: nothing ahead of it in the line would ever release it. The earlier event, when it comes, has
        // nothing earlier open, so it is sent and makes this one due at once; if it never comes, this one goes when the
        // hold ends.
        if (earlierOnItsWay)
        {
            await RecordAsync(
                delivery with { State = DeliveryState.Pending, NextAttemptAt = now + _options.Value.Retry.OrderHold, LastError = HeldForEarlier },
                open,
                cancellationToken);
            return false;
        }

        // A receiver that keeps failing is not tried for every new lead: each try of a hanging one costs the line a timeout.
        if (await _circuit.TrySendAsync(subscriber.Id, () => _sender.SendAsync(subscriber, visible, cancellationToken)) is not { } attempt)
        {
            await RecordAsync(
                delivery with { State = DeliveryState.Pending, NextAttemptAt = _circuit.OpenUntil(subscriber.Id) ?? now, LastError = NotSentCircuitOpen },
                open,
                cancellationToken);
            return false;
        }

        if (attempt.Delivered)
        {
            _telemetry.WebhookDelivered(subscriber.Id, leadEvent.Type, leadEvent.OccurredAt, _time.GetUtcNow());
            await ReleaseNextAsync(open, leadEvent.Sequence, cancellationToken);
            return true;
        }

        var failed = _schedule.AfterFailure(delivery, attempt.Error!, _time.GetUtcNow());
        _telemetry.WebhookFailed(subscriber.Id, leadEvent.Type, failed.State == DeliveryState.Dead);
        LogFailed(subscriber.Id, leadEvent.EventId, attempt.Error!);
        await RecordAsync(failed, open, cancellationToken);
        return false;
    }

    private async Task RecordAsync(WebhookDelivery delivery, List<WebhookDelivery> open, CancellationToken cancellationToken)
    {
        await _store.TryAddAsync(delivery, cancellationToken);
        open.Add(delivery);
    }

    /// <summary>The event held for the one just delivered is due now: the retry pass sends it, and the line behind it, within a pass.</summary>
    private async Task ReleaseNextAsync(IReadOnlyList<WebhookDelivery> open, long delivered, CancellationToken cancellationToken)
    {
        var next = open.FirstOrDefault(d => d.Sequence == delivered + 1 && d.State == DeliveryState.Pending && d.LastError == HeldForEarlier);
        if (next is not null)
        {
            await _store.SaveAsync(next with { NextAttemptAt = _time.GetUtcNow() }, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {SubscriberId} did not take event {EventId} ({Error}); retrying later")]
    private partial void LogFailed(string subscriberId, string eventId, string error);
}
