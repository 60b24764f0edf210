namespace LeadFunctions.Engine.Webhooks;

/// <summary>The operator's view of undelivered events: list them by state, and give a dead one another retry window.</summary>
public sealed class WebhookDeliveriesAdmin
{
    private readonly IWebhookDeliveryStore _store;
    private readonly TimeProvider _time;

    public WebhookDeliveriesAdmin(IWebhookDeliveryStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    public Task<DeliveryPage> ListAsync(DeliveryState state, int pageSize, string? continuationToken, CancellationToken cancellationToken)
        => _store.ListByStateAsync(state, pageSize, continuationToken, cancellationToken);

    /// <summary>A dead delivery becomes pending and due now, with a fresh window; the retry pass sends it in its lead's order.</summary>
    public async Task<RedeliverResult> RedeliverAsync(string deliveryId, CancellationToken cancellationToken)
    {
        if (!WebhookDelivery.TryParseId(deliveryId, out var subscriberId, out var leadId, out var sequence)
            || await _store.GetAsync(subscriberId, leadId, sequence, cancellationToken) is not { } delivery)
        {
            return new RedeliverResult(RedeliverStatus.NoSuchDelivery, null);
        }

        if (delivery.State != DeliveryState.Dead)
        {
            return new RedeliverResult(RedeliverStatus.NotDead, delivery);
        }

        var now = _time.GetUtcNow();
        var revived = delivery with { State = DeliveryState.Pending, Attempts = 0, WindowStart = now, NextAttemptAt = now };
        await _store.SaveAsync(revived, cancellationToken);
        return new RedeliverResult(RedeliverStatus.Redelivered, revived);
    }
}
