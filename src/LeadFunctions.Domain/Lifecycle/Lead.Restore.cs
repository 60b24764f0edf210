using System.Collections.Immutable;
using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Domain.Lifecycle;

public sealed partial record Lead
{
    /// <summary>
    /// Rebuilds a lead exactly as it was recorded, for the store that reads it back. It changes nothing: whatever a
    /// lead becomes next is decided by the state machine and made by the change methods.
    /// </summary>
    /// <param name="statusName">The custom status the lead is in; null (rows from before custom statuses) for the built-in <paramref name="status"/>.</param>
    /// <param name="statusNameStamps">Stamps by status name; null (rows from before custom statuses) derives them from <paramref name="statusStamps"/>.</param>
    public static Lead Restore(
        string id,
        Person person,
        LifecycleStage stage,
        LeadStatus status,
        Team ownerTeam,
        string? owner,
        Fit fit,
        int fitScore,
        Interest interest,
        int activityScore,
        LeadFlags flags,
        ImmutableDictionary<LifecycleStage, Stamp> stageStamps,
        ImmutableDictionary<LeadStatus, Stamp> statusStamps,
        CampaignStamps campaigns,
        DateTimeOffset createdAt,
        DateTimeOffset? lastContactAt,
        DateTimeOffset? handedToSalesAt,
        DateTimeOffset? lastActivityAt,
        DateTimeOffset? nextCheckBackAt,
        DateTimeOffset? nextResurfaceAt,
        string? suppressedReason,
        string? lastFormId,
        bool consent,
        LeadMessage? lastMessage,
        string? dealId,
        long version,
        Assignment? assignment = null,
        PastOwner? previousOwner = null,
        long eventSequence = 0,
        string? statusName = null,
        ImmutableDictionary<string, Stamp>? statusNameStamps = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(stageStamps);
        ArgumentNullException.ThrowIfNull(statusStamps);
        ArgumentNullException.ThrowIfNull(campaigns);
        return new Lead
        {
            Id = id,
            Person = person,
            Stage = stage,
            Status = status,
            OwnerTeam = ownerTeam,
            Owner = owner,
            Fit = fit,
            FitScore = fitScore,
            Interest = interest,
            ActivityScore = activityScore,
            Flags = flags,
            StageStamps = stageStamps,
            StatusStamps = statusStamps,
            Campaigns = campaigns,
            CreatedAt = createdAt,
            LastContactAt = lastContactAt,
            HandedToSalesAt = handedToSalesAt,
            LastActivityAt = lastActivityAt,
            NextCheckBackAt = nextCheckBackAt,
            NextResurfaceAt = nextResurfaceAt,
            SuppressedReason = suppressedReason,
            LastFormId = lastFormId,
            Consent = consent,
            LastMessage = lastMessage,
            DealId = dealId,
            Version = version,
            Assignment = assignment,
            PreviousOwner = previousOwner,
            EventSequence = eventSequence,

            // Rows written before custom statuses (issue 16) hold built-in statuses only: their names are the roles'.
            CustomStatusName = statusName is null || statusName == status.ToString() ? null : statusName,
            StatusNameStamps = statusNameStamps ?? statusStamps.ToImmutableDictionary(p => p.Key.ToString(), p => p.Value),
        };
    }
}
