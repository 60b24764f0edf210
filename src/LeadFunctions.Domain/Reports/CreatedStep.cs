using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Reports;

/// <summary>
/// From the lead's creation to its first entry into <see cref="To"/>: how many of the <see cref="Created"/> leads got
/// there, and how long it took them. <see cref="ToDisplayName"/> is the playbook's word, filled in when the report is read.
/// </summary>
public sealed record CreatedStep(LifecycleStage To, int Created, int Reached, double Rate, TimeSpan? Median, TimeSpan? P90, string? ToDisplayName = null);
