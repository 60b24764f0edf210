using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Reports;

/// <summary>
/// Lead velocity as of <see cref="AsOf"/> (seed 001, issue 16 item 3). The first six members are the report as it was
/// before cohorts and status pairs, so existing readers keep working; <see cref="Cohorts"/> is present only when a
/// cohort dimension was asked for.
/// </summary>
public sealed record VelocityReport(
    DateTimeOffset AsOf,
    int Leads,
    IReadOnlyList<StageStep> Steps,
    AgeSummary MidFunnelAge,
    IReadOnlyDictionary<LifecycleStage, int> ByStage,
    IReadOnlyDictionary<LeadStatus, int> ByStatus,
    IReadOnlyList<CreatedStep> FromCreated,
    IReadOnlyList<StatusStep> StatusPairs,
    MqlAcceptance MqlAcceptance,
    CohortDimension? Cohort = null,
    IReadOnlyList<VelocityCohort>? Cohorts = null);
