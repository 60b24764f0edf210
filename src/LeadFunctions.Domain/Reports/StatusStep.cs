using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Reports;

/// <summary>
/// A status-to-status step that occurred: <see cref="Leads"/> leads first entered <see cref="To"/> right after first
/// entering <see cref="From"/>, and the time between those first entries.
/// </summary>
public sealed record StatusStep(LeadStatus From, LeadStatus To, int Leads, TimeSpan? Median, TimeSpan? P90);
