namespace LeadFunctions.Engine.Routing;

/// <summary>One rep as GET /api/reps shows them: team, weight, capacity, availability now, and their open New leads.</summary>
public sealed record RepView(
    string Id, string Team, string TeamDisplayName, int Weight, int? Capacity, bool Available, DateTimeOffset? UnavailableUntil, int OpenNew);
