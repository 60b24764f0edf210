using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Engine.Tests.Outbox;

/// <summary>An event as the outbox holds it, for tests where only its lead and sequence matter.</summary>
internal static class OutboxTestEvents
{
    public static LeadEvent StatusChanged(string leadId, long sequence, DateTimeOffset at) => new(
        LeadEvent.IdOf(leadId, sequence), LeadEventType.StatusChanged, leadId, sequence, at, at, "rep", null, "cmd",
        null, new LeadPlacement(LifecycleStage.SQL, null, LeadStatus.New, null, null, Team.Sales, null),
        Quadrant.HighInterestGoodFit, null);
}
