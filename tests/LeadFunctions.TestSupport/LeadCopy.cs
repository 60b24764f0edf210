using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.TestSupport;

/// <summary>
/// A stored lead as another lead or another version of it would have been stored: what a test needs to stand in for a
/// second person or a write made meanwhile. Goes through <see cref="Lead.Restore"/>, the store's own way in.
/// </summary>
public static class LeadCopy
{
    public static Lead Of(Lead lead, string? id = null, long? version = null) => Lead.Restore(
        id ?? lead.Id,
        lead.Person,
        lead.Stage,
        lead.Status,
        lead.OwnerTeam,
        lead.Owner,
        lead.Fit,
        lead.FitScore,
        lead.Interest,
        lead.ActivityScore,
        lead.Flags,
        lead.StageStamps,
        lead.StatusStamps,
        lead.Campaigns,
        lead.CreatedAt,
        lead.LastContactAt,
        lead.HandedToSalesAt,
        lead.LastActivityAt,
        lead.NextCheckBackAt,
        lead.NextResurfaceAt,
        lead.SuppressedReason,
        lead.LastFormId,
        lead.Consent,
        lead.LastMessage,
        lead.DealId,
        version ?? lead.Version,
        eventSequence: lead.EventSequence,
        statusName: lead.StatusName,
        statusNameStamps: lead.StatusNameStamps);
}
