namespace LeadFunctions.Engine.Webhooks;

public enum RedeliverStatus
{
    Redelivered,
    NoSuchDelivery,
    NotDead,
}

/// <summary>What a redeliver request did, and the delivery as it now stands (null when there is none).</summary>
public sealed record RedeliverResult(RedeliverStatus Status, WebhookDelivery? Delivery);
