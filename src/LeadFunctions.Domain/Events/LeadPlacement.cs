using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Events;

/// <summary>
/// Where a lead stood before or after a change: stage, status, owner and teams, each canonical name with the playbook's
/// display name beside it (null when the playbook gives none), so a receiver can show the company's own words.
/// <see cref="SlaDueAt"/> is when the status SLA runs out, on the business calendar's clock (its offset kept), so a rep
/// told about a new lead also reads by when to work it; null when the status has no SLA.
/// <see cref="Status"/> is the role the rules apply; <see cref="StatusName"/> the status itself, which differs in one of
/// the playbook's own statuses ("HotHotHot", role New) and whose display name <see cref="StatusDisplayName"/> is.
/// </summary>
public sealed record LeadPlacement(
    LifecycleStage Stage,
    string? StageDisplayName,
    LeadStatus Status,
    string? StatusDisplayName,
    string? Owner,
    Team OwnerTeam,
    string? SalesTeam,
    DateTimeOffset? SlaDueAt = null)
{
    /// <summary>The status's canonical name: the playbook's own ("HotHotHot"), or the built-in name of <see cref="Status"/>.</summary>
    public string? StatusName { get; init; }
}
