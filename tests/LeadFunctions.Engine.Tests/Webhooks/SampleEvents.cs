using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Engine.Tests.Webhooks;

internal static class SampleEvents
{
    public const string LeadId = "ld-aaaaaaaaaaaaaaaaaaaaaaaa";

    /// <summary>Three business days after the Monday the rep got it, on a New York business clock.</summary>
    public static readonly DateTimeOffset WorkBy = new(2026, 12, 9, 14, 0, 0, TimeSpan.FromHours(-5));

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
        new LeadPlacement(LifecycleStage.SQL, "SQL", LeadStatus.New, null, "rep-ann", Team.Sales, "emea", WorkBy),
        Quadrant.HighInterestGoodFit,
        "Hot! Hot! Hot!",
        Person: person ?? Person);

    public static LeadEvent Status(long sequence, string leadId = LeadId) => Assigned(sequence, leadId) with { Type = LeadEventType.StatusChanged };
}
