namespace LeadFunctions.Domain.Routing;

/// <summary>A rep the rotation passed by for one lead, and why.</summary>
public sealed record SkippedRep(string Rep, RepStanding Why);
