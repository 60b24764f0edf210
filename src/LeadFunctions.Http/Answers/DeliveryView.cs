using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Webhooks;

namespace LeadFunctions.Http.Answers;

/// <summary>
/// An undelivered webhook event as the admin routes show it: which subscriber (by id, never its URL), which event, how
/// far the retries got and the last error. Never the body: it can carry the person.
/// </summary>
public sealed record DeliveryView(
    string DeliveryId,
    string SubscriberId,
    string EventId,
    string LeadId,
    long Sequence,
    LeadEventType Type,
    DeliveryState State,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    string? LastError)
{
    public static DeliveryView Of(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new(delivery.Id, delivery.SubscriberId, delivery.EventId, delivery.LeadId, delivery.Sequence, delivery.Type, delivery.State,
            delivery.Attempts, delivery.CreatedAt, delivery.NextAttemptAt, delivery.LastError);
    }
}
