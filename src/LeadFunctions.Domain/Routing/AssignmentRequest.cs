using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Routing;

/// <summary>
/// What routing needs to know about a lead reaching sales: who the person is (country, size, domain), the form that
/// raised the hand, the quadrant, and the rep who last owned the lead and until when (to give it back to them).
/// </summary>
public sealed record AssignmentRequest(Person Person, string? FormId, Quadrant Quadrant, string? PreviousOwner, DateTimeOffset? PreviousOwnerUntil);
