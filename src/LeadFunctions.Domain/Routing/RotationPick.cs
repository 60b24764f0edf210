using System.Collections.Immutable;

namespace LeadFunctions.Domain.Routing;

/// <summary>
/// The rotation's answer for one lead: the rep (null when nobody in the team can take it), the rotation state to store
/// in its place, the reps passed by with their reasons, and whether this repeats an earlier pick for the same id
/// (nothing to save then).
/// </summary>
public sealed record RotationPick(string? Rep, RepRotation Next, ImmutableArray<SkippedRep> Skipped, bool Repeated = false);
