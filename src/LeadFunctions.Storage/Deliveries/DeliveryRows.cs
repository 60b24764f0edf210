using System.Globalization;
using Azure.Data.Tables;
using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Webhooks;

namespace LeadFunctions.Storage.Deliveries;

/// <summary>
/// A delivery as a table row: partition "{subscriberId}|{leadId}" (one lead's line for one subscriber), row key the
/// sequence zero-padded so rows sort in the lead's order.
/// </summary>
internal static class DeliveryRows
{
    public static string Partition(string subscriberId, string leadId) => subscriberId + "|" + leadId;

    public static string Row(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// Where the highest sequence the handler has taken in for a lead is kept: a partition of its own per lead
    /// ("handled|" cannot begin a subscriber id), with no State column, so the state queries never see it.
    /// </summary>
    public static string HandledPartition(string leadId) => "handled|" + leadId;

    public const string HandledRow = "handled";

    public const string HandledSequence = "Sequence";

    /// <summary>The row saying the handler has taken a lead's events in up to <paramref name="sequence"/>.</summary>
    public static TableEntity Handled(string leadId, long sequence) => new(HandledPartition(leadId), HandledRow) { [HandledSequence] = sequence };

    public static TableEntity ToEntity(WebhookDelivery delivery) => new(Partition(delivery.SubscriberId, delivery.LeadId), Row(delivery.Sequence))
    {
        ["SubscriberId"] = delivery.SubscriberId,
        ["LeadId"] = delivery.LeadId,
        ["Sequence"] = delivery.Sequence,
        ["Type"] = delivery.Type.ToString(),
        ["State"] = delivery.State.ToString(),
        ["Attempts"] = delivery.Attempts,
        ["CreatedAt"] = delivery.CreatedAt,
        ["WindowStart"] = delivery.WindowStart,
        ["NextAttemptAt"] = delivery.NextAttemptAt,
        ["LastError"] = delivery.LastError,
        ["Event"] = delivery.EventJson,
    };

    public static WebhookDelivery FromEntity(TableEntity row) => new(
        row.GetString("SubscriberId"),
        row.GetString("LeadId"),
        row.GetInt64("Sequence") ?? 0,
        Enum.Parse<LeadEventType>(row.GetString("Type")),
        Enum.Parse<DeliveryState>(row.GetString("State")),
        row.GetInt32("Attempts") ?? 0,
        row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("WindowStart") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("NextAttemptAt"),
        row.GetString("LastError"),
        row.GetString("Event"));
}
