namespace LeadFunctions.Domain.Routing;

/// <summary>One remembered rotation pick: what asked for it and the rep it got.</summary>
public sealed record RecentPick(string PickId, string Rep);
