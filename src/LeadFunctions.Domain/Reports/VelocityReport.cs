using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Reports;

/// <summary>
/// Lead velocity as of <see cref="AsOf"/> (seed 001, issue 16 item 3). The first six members are the report as it was
/// before cohorts and status pairs, so existing readers keep working; <see cref="Cohorts"/> is present only when a
/// cohort dimension was asked for. <see cref="ByStatus"/> and the status pairs name statuses by canonical name, custom ones
/// under their own.
/// </summary>
public sealed record VelocityReport(
    DateTimeOffset AsOf,
    int Leads,
    IReadOnlyList<StageStep> Steps,
    AgeSummary MidFunnelAge,
    IReadOnlyDictionary<LifecycleStage, int> ByStage,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyList<CreatedStep> FromCreated,
    IReadOnlyList<StatusStep> StatusPairs,
    MqlAcceptance MqlAcceptance,
    CohortDimension? Cohort = null,
    IReadOnlyList<VelocityCohort>? Cohorts = null);
