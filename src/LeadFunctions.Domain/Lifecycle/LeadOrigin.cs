namespace LeadFunctions.Domain.Lifecycle;

/// <summary>
/// Where the lead first came from: the campaign, utm_source and utm_medium of the form that introduced it. Set once and
/// kept, so a cohort does not move when a later form arrives from elsewhere (issue 16, item 3).
/// </summary>
public sealed record LeadOrigin(string? Campaign, string? Source, string? Medium);
