using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Events;

/// <summary>
/// Where a lead stood before or after a change: stage, status, owner and teams, each canonical name with the playbook's
/// display name beside it (null when the playbook gives none), so a receiver can show the company's own words.
/// <see cref="SlaDueAt"/> is when the status SLA runs out, on the business calendar's clock (its offset kept), so a rep
/// told about a new lead also reads by when to work it; null when the status has no SLA.
/// </summary>
public sealed record LeadPlacement(
    LifecycleStage Stage,
    string? StageDisplayName,
    LeadStatus Status,
    string? StatusDisplayName,
    string? Owner,
    Team OwnerTeam,
    string? SalesTeam,
    DateTimeOffset? SlaDueAt = null);
