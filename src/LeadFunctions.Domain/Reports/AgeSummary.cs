namespace LeadFunctions.Domain.Reports;

/// <summary>Time leads have spent past qualification and not yet won or lost (seed 001: mid-funnel age).</summary>
public sealed record AgeSummary(int Leads, TimeSpan? Median, TimeSpan? P90);
