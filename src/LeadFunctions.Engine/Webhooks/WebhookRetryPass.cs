using LeadFunctions.Engine.Events;
using LeadFunctions.Engine.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Webhooks;

/// <summary>
/// Sends what is due, lead by lead: each (subscriber, lead) line is walked lowest sequence first, and stops at the first
/// delivery that is not due or fails again, so a later event never overtakes an earlier one. Dead deliveries are
/// stepped over. The local host runs this every second; the Functions app on a timer. Not for concurrent use.
/// </summary>
public sealed partial class WebhookRetryPass
{
    private readonly IWebhookDeliveryStore _store;
    private readonly WebhookSender _sender;
    private readonly WebhookCircuit _circuit;
    private readonly WebhookRetrySchedule _schedule;
    private readonly IOptions<WebhookOptions> _options;
    private readonly TimeProvider _time;
    private readonly LeadTelemetry _telemetry;
    private readonly ILogger<WebhookRetryPass> _logger;

    // One pass at a time (the local loop, or the singleton timer function): plain fields suffice.
    private string? _queuedCursor;
    private DateTimeOffset _nextQueuedScan = DateTimeOffset.MinValue;

    public WebhookRetryPass(
        IWebhookDeliveryStore store,
        WebhookSender sender,
        WebhookCircuit circuit,
        WebhookRetrySchedule schedule,
        IOptions<WebhookOptions> options,
        TimeProvider time,
        LeadTelemetry telemetry,
        ILogger<WebhookRetryPass> logger)
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

    /// <returns>How many deliveries it attempted.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (_options.Value.Webhooks.Count == 0)
        {
            return 0;
        }

        var now = _time.GetUtcNow();
        var work = new List<WebhookDelivery>(await _store.ListDueAsync(now, _options.Value.Retry.BatchSize, cancellationToken));
        if (now >= _nextQueuedScan)
        {
            // Queued deliveries normally go right behind the one they wait for, in the same walk. One can be left
            // behind when the handler queued it just as the pass emptied its line; a page of them now and then, the
            // cursor moving on each time, finds those without reading every waiting line every second.
            var queued = await _store.ListByStateAsync(DeliveryState.Queued, _options.Value.Retry.BatchSize, _queuedCursor, cancellationToken);
            _queuedCursor = queued.ContinuationToken;
            _nextQueuedScan = now + _options.Value.Retry.QueuedScanInterval;
            work.AddRange(queued.Deliveries);
        }

        var lines = work.Select(d => (d.SubscriberId, d.LeadId)).Distinct().ToList();
        var attempted = 0;
        await Parallel.ForEachAsync(
            lines,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (line, token) => Interlocked.Add(ref attempted, await WorkLineAsync(line.SubscriberId, line.LeadId, token)));
        return attempted;
    }

    private async Task<int> WorkLineAsync(string subscriberId, string leadId, CancellationToken cancellationToken)
    {
        var subscriber = _options.Value.Find(subscriberId);
        var attempted = 0;
        foreach (var delivery in await _store.ListLeadAsync(subscriberId, leadId, cancellationToken))
        {
            var now = _time.GetUtcNow();
            if (delivery.State == DeliveryState.Dead)
            {
                continue;
            }

            if (subscriber is null)
            {
                await _store.SaveAsync(delivery with { State = DeliveryState.Dead, NextAttemptAt = null, LastError = "subscriber no longer configured" }, cancellationToken);
                continue;
            }

            if (delivery.State == DeliveryState.Pending && delivery.NextAttemptAt > now)
            {
                break;
            }

            // An open circuit leaves the line as it is; one line at a time tries the receiver again when it has been open long enough.
            var leadEvent = LeadEventJson.Read(delivery.EventJson);
            if (await _circuit.TrySendAsync(subscriberId, () => _sender.SendAsync(subscriber, leadEvent, cancellationToken)) is not { } attempt)
            {
                break;
            }

            attempted++;
            if (attempt.Delivered)
            {
                _telemetry.WebhookDelivered(subscriberId, delivery.Type, leadEvent.OccurredAt, _time.GetUtcNow());
                await _store.DeleteAsync(delivery, cancellationToken);
                continue;
            }

            var failed = _schedule.AfterFailure(delivery, attempt.Error!, _time.GetUtcNow());
            _telemetry.WebhookFailed(subscriberId, delivery.Type, failed.State == DeliveryState.Dead);
            await _store.SaveAsync(failed, cancellationToken);
            if (failed.State != DeliveryState.Dead)
            {
                LogRetrying(subscriberId, delivery.EventId, failed.Attempts, attempt.Error!);
                break;
            }

            LogDead(subscriberId, delivery.EventId, failed.Attempts, attempt.Error!);
        }

        return attempted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {SubscriberId} did not take event {EventId} on attempt {Attempts} ({Error}); retrying later")]
    private partial void LogRetrying(string subscriberId, string eventId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {SubscriberId} never took event {EventId} in the retry window ({Attempts} attempts, last: {Error}); dead-lettered, GET /api/admin/deliveries?state=dead lists it")]
    private partial void LogDead(string subscriberId, string eventId, int attempts, string error);
}
