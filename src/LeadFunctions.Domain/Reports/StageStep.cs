using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Reports;

/// <summary>How long leads take between two stages, and how many make it (seed 001: lead velocity).</summary>
public sealed record StageStep(LifecycleStage From, LifecycleStage To, int Entered, int Converted, double ConversionRate, TimeSpan? Median, TimeSpan? P90);
