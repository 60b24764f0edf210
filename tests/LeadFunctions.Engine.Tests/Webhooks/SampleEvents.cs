using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Engine.Tests.Webhooks;

internal static class SampleEvents
{
    public const string LeadId = "ld-aaaaaaaaaaaaaaaaaaaaaaaa";

    public static readonly LeadEventPerson Person = new("ann.buyer@example.com", "Ann", "Buyer", "Acme Industries", "Call me");

    public static LeadEvent Assigned(long sequence = 3, string leadId = LeadId, LeadEventPerson? person = null) => new(
        LeadEvent.IdOf(leadId, sequence),
        LeadEventType.OwnerAssigned,
        leadId,
        sequence,
        new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 12, 7, 9, 0, 1, TimeSpan.Zero),
        "router",
        null,
        "cmd-" + sequence,
        new LeadPlacement(LifecycleStage.SQL, "SQL", LeadStatus.New, null, null, Team.Sales, "emea"),
        new LeadPlacement(LifecycleStage.SQL, "SQL", LeadStatus.New, null, "rep-ann", Team.Sales, "emea"),
        Quadrant.HighInterestGoodFit,
        "Hot! Hot! Hot!",
        Person: person ?? Person);

    public static LeadEvent Status(long sequence, string leadId = LeadId) => Assigned(sequence, leadId) with { Type = LeadEventType.StatusChanged };
}
