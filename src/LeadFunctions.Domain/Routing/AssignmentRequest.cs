using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Routing;

/// <summary>
/// What routing needs to know about a lead reaching sales: who the person is (country, size, domain), the form that
/// raised the hand, the quadrant, the rep who last owned the lead and until when (to give it back to them), the team
/// it already waits with (a queued lead stays with its team), a rep to pass over (the one whose SLA just ran out), and
/// what asks (a command id: the same id always gets the same rep, so a redelivered command takes no second turn).
/// </summary>
public sealed record AssignmentRequest(
    Person Person,
    string? FormId,
    Quadrant Quadrant,
    PastOwner? PreviousOwner,
    string? Team = null,
    string? PassOver = null,
    string? PickId = null);
