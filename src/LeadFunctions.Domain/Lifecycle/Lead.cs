using System.Collections.Immutable;

namespace LeadFunctions.Domain.Lifecycle;

/// <summary>
/// One person's journey through the funnel. Immutable: the state machine is the only thing that produces
/// a changed lead, so every change is audited and stamped in one place.
/// </summary>
public sealed record Lead
{
    public required string Id { get; init; }
    public required Person Person { get; init; }
    public required LifecycleStage Stage { get; init; }
    public required LeadStatus Status { get; init; }
    public required Team OwnerTeam { get; init; }
    public string? Owner { get; init; }
    public required Fit Fit { get; init; }
    public required int FitScore { get; init; }
    public required Interest Interest { get; init; }
    public Quadrant Quadrant => QuadrantOf.From(Fit, Interest);
    public int ActivityScore { get; init; }
    public LeadFlags Flags { get; init; }
    public ImmutableDictionary<LifecycleStage, Stamp> StageStamps { get; init; } = ImmutableDictionary<LifecycleStage, Stamp>.Empty;
    public ImmutableDictionary<LeadStatus, Stamp> StatusStamps { get; init; } = ImmutableDictionary<LeadStatus, Stamp>.Empty;
    public CampaignStamps Campaigns { get; init; } = CampaignStamps.None;
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastContactAt { get; init; }

    /// <summary>When the lead last landed in the sales inbox; the no-contact clock (seed 003, 30 days) runs from here.</summary>
    public DateTimeOffset? HandedToSalesAt { get; init; }
    public DateTimeOffset? LastActivityAt { get; init; }
    public DateTimeOffset? NextCheckBackAt { get; init; }
    public DateTimeOffset? NextResurfaceAt { get; init; }
    public string? SuppressedReason { get; init; }
    public bool Suppressed => SuppressedReason is not null;
    public string? LastFormId { get; init; }
    public bool Consent { get; init; }

    /// <summary>What the person last wrote in a form; a later form without a message keeps it.</summary>
    public LeadMessage? LastMessage { get; init; }

    /// <summary>Number of commands recorded against this lead (applied or rejected); orders the audit trail.</summary>
    public long Version { get; init; }

    public DateTimeOffset EnteredStageAt => StageStamps[Stage].LastEnteredAt;
    public DateTimeOffset EnteredStatusAt => StatusStamps[Status].LastEnteredAt;
}
