namespace LeadFunctions.Engine.Webhooks;

/// <summary>One page of deliveries in a state, and the store's token for the next (null: no more).</summary>
public sealed record DeliveryPage(IReadOnlyList<WebhookDelivery> Deliveries, string? ContinuationToken);
