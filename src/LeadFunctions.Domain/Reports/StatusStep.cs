namespace LeadFunctions.Domain.Reports;

/// <summary>
/// A status-to-status step that occurred: <see cref="Leads"/> leads first entered <see cref="To"/> right after first
/// entering <see cref="From"/>, and the time between those first entries. Statuses by canonical name, custom ones under
/// their own ("HotHotHot"); the display names are the playbook's words, filled in when the report is read.
/// </summary>
public sealed record StatusStep(
    string From, string To, int Leads, TimeSpan? Median, TimeSpan? P90, string? FromDisplayName = null, string? ToDisplayName = null);
