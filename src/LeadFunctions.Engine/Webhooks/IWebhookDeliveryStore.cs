namespace LeadFunctions.Engine.Webhooks;

/// <summary>
/// Undelivered webhook events, one row per (subscriber, event), kept together per (subscriber, lead) so the per-lead
/// order is one small read. Outages surface as StoreUnavailableException, as for the lead store.
/// </summary>
public interface IWebhookDeliveryStore
{
    /// <summary>The lead's open deliveries for the subscriber, lowest sequence first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListLeadAsync(string subscriberId, string leadId, CancellationToken cancellationToken);

    Task<WebhookDelivery?> GetAsync(string subscriberId, string leadId, long sequence, CancellationToken cancellationToken);

    /// <returns>False when a row for this subscriber and event exists already (the event came again).</returns>
    Task<bool> TryAddAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    Task SaveAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    Task DeleteAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Pending deliveries due by <paramref name="now"/>: what the retry pass sends.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// The highest sequence of the lead's events the handler has taken in (delivered, queued or held, for every
    /// subscriber, wanted or not); 0 when it has taken in none. An event above it plus one has an earlier event still on its way.
    /// </summary>
    Task<long> HighestHandledAsync(string leadId, CancellationToken cancellationToken);

    /// <returns>False when the lead has a mark already: the first record of a lead's mark, one request where a read and a write would be two.</returns>
    Task<bool> TryAddHandledAsync(string leadId, long sequence, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="sequence"/> as the highest handled; callers raise it only (a lost race lowers it, which costs a needless hold, never an event).</summary>
    Task RecordHandledAsync(string leadId, long sequence, CancellationToken cancellationToken);

    Task<DeliveryPage> ListByStateAsync(DeliveryState state, int pageSize, string? continuationToken, CancellationToken cancellationToken);
}
