using System.Globalization;
using LeadFunctions.Domain.Events;

namespace LeadFunctions.Engine.Webhooks;

/// <summary>
/// One event not yet delivered to one subscriber. <see cref="EventJson"/> is the event as that subscriber may see it
/// (the person only if it gets personal data), so nothing more is stored than would be sent. The retry window runs
/// from <see cref="WindowStart"/>: the first failed attempt, when the event was queued behind another, or a redelivery.
/// </summary>
public sealed record WebhookDelivery(
    string SubscriberId,
    string LeadId,
    long Sequence,
    LeadEventType Type,
    DeliveryState State,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset WindowStart,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    string EventJson)
{
    public string EventId => LeadEvent.IdOf(LeadId, Sequence);

    /// <summary>"{subscriberId}:{leadId}:{sequence}": what the admin routes name a delivery by.</summary>
    public string Id => SubscriberId + ":" + EventId;

    public static bool TryParseId(string? id, out string subscriberId, out string leadId, out long sequence)
    {
        subscriberId = leadId = string.Empty;
        sequence = 0;
        var parts = (id ?? string.Empty).Split(':');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || parts.Any(p => p.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
        {
            return false;
        }

        subscriberId = parts[0];
        leadId = parts[1];
        return true;
    }
}
