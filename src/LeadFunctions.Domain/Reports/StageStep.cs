using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Reports;

/// <summary>
/// How long leads take between two stages, and how many make it (seed 001: lead velocity). The display names are the
/// playbook's words ("Sales Qualified Lead"), filled in when the report is read.
/// </summary>
public sealed record StageStep(
    LifecycleStage From, LifecycleStage To, int Entered, int Converted, double ConversionRate, TimeSpan? Median, TimeSpan? P90,
    string? FromDisplayName = null, string? ToDisplayName = null);
