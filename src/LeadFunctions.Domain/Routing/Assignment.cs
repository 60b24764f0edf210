using System.Collections.Immutable;

namespace LeadFunctions.Domain.Routing;

/// <summary>
/// Why a lead went to whom ("why this rep"): the team, the territory rule that chose it (null: the default team), the
/// rep (null: nobody could take it, the lead waits in the team's queue), the reason in words, when, and the reps the
/// rotation passed by with their reasons; for a queued lead, when routing tries again (the first moment a rep said they
/// are back, or the playbook's retry interval).
/// </summary>
public sealed record Assignment(
    string Team, string? Rule, string? Rep, string Reason, DateTimeOffset At, ImmutableArray<SkippedRep> Skipped, DateTimeOffset? RetryAt = null);
