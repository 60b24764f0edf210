namespace LeadFunctions.Http.Answers;

/// <summary>PUT /api/reps/{repId}/availability: what was stored.</summary>
public sealed record AvailabilitySet(string RepId, bool Available, DateTimeOffset? Until);
