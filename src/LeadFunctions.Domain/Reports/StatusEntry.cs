namespace LeadFunctions.Domain.Reports;

/// <summary>A status, by its canonical name (custom statuses under their own), and when the lead first entered it.</summary>
public readonly record struct StatusEntry(string Status, DateTimeOffset FirstEnteredAt);
