namespace LeadFunctions.Domain.Routing;

/// <summary>
/// Where a lead's territory sends it: the rule that matched (null for the default team), the team, and a rep when the
/// rule names one directly.
/// </summary>
public sealed record RouteMatch(string? Rule, string Team, string? Rep);
