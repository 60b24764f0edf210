using System.Collections.Immutable;

namespace LeadFunctions.Domain.Routing;

/// <summary>
/// The rotation's answer for one lead: the rep (null when nobody in the team can take it), the rotation state to store
/// in its place, and the reps passed by with their reasons.
/// </summary>
public sealed record RotationPick(string? Rep, RepRotation Next, ImmutableArray<SkippedRep> Skipped);
