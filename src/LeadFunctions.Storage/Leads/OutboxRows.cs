using Azure.Data.Tables;
using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Events;

namespace LeadFunctions.Storage.Leads;

/// <summary>
/// An event waiting in the outbox: in its lead's partition, keyed by lead and sequence, holding the event in its one
/// wire form (<see cref="LeadEventJson"/>) and, as a column of its own, when it was recorded, for the relay's filter.
/// </summary>
internal static class OutboxRows
{
    public const string Event = "Event";
    public const string RecordedAt = "RecordedAt";

    public static TableEntity ToEntity(LeadEvent leadEvent) => new(LeadKeys.PartitionOf(leadEvent.LeadId), LeadKeys.Outbox(leadEvent.LeadId, leadEvent.Sequence))
    {
        [Event] = LeadEventJson.Write(leadEvent),
        [RecordedAt] = leadEvent.RecordedAt,
    };

    public static LeadEvent ToEvent(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return LeadEventJson.Read(entity.GetString(Event) ?? throw new InvalidDataException($"Outbox row {entity.RowKey} has no event."));
    }

    public static TableEntity KeysOf(LeadEvent leadEvent) => new(LeadKeys.PartitionOf(leadEvent.LeadId), LeadKeys.Outbox(leadEvent.LeadId, leadEvent.Sequence));
}
