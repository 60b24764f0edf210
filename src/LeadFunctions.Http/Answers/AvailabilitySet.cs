namespace LeadFunctions.Http.Answers;

/// <summary>PUT /api/reps/{repId}/availability: what was stored, and how many leads waiting in the team queue were offered again.</summary>
public sealed record AvailabilitySet(string RepId, bool Available, DateTimeOffset? Until, int QueuedLeadsOffered);
