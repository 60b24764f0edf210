namespace LeadFunctions.Engine.Routing;

/// <summary>What setting a rep's availability did: saved or refused, and how many queued leads it offered for routing again.</summary>
public sealed record AvailabilityChange(AvailabilityResult Result, int QueuedLeadsOffered);
