namespace LeadFunctions.Http;

/// <summary>The body of PUT /api/reps/{repId}/availability, as the OpenAPI document describes it.</summary>
public sealed record AvailabilityBody(bool Available, DateTimeOffset? Until);
