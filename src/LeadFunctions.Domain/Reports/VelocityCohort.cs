namespace LeadFunctions.Domain.Reports;

/// <summary>The velocity figures of one cohort: the leads sharing a month of creation, a source, a medium or a first campaign.</summary>
public sealed record VelocityCohort(
    string Key,
    int Leads,
    IReadOnlyList<CreatedStep> FromCreated,
    IReadOnlyList<StageStep> Steps,
    IReadOnlyList<StatusStep> StatusPairs,
    MqlAcceptance MqlAcceptance,
    AgeSummary MidFunnelAge);
