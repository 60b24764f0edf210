using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Reports;

/// <summary>A status and when the lead first entered it.</summary>
public readonly record struct StatusEntry(LeadStatus Status, DateTimeOffset FirstEnteredAt);
