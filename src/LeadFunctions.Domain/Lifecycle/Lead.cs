using System.Collections.Immutable;
using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Domain.Lifecycle;

/// <summary>
/// One person's journey through the funnel. Immutable, and every member is set only by the lead itself: a lead is
/// introduced by its first form (<see cref="Introduce"/>), changed by its own methods (Lead.Changes.cs), which keep
/// stamps and flags in step with stage and status, and rebuilt by the store (<see cref="Restore"/>). The state machine
/// is the only caller of the change methods that numbers the result, so every change is audited in one place.
/// </summary>
public sealed partial record Lead
{
    private Lead()
    {
    }

    public string Id { get; private init; } = "";
    public Person Person { get; private init; } = null!;
    public LifecycleStage Stage { get; private init; }

    /// <summary>The role of the lead's status: the built-in status whose rules apply (a custom status's role, issue 16).</summary>
    public LeadStatus Status { get; private init; }

    /// <summary>
    /// The canonical name of the lead's status: the playbook's own status ("HotHotHot") when it is in one, else the
    /// built-in name of <see cref="Status"/>. Views, history, events, filters and reports speak this name.
    /// </summary>
    public string StatusName => CustomStatusName ?? Status.ToString();

    /// <summary>Whether the lead is in one of the playbook's own statuses rather than a built-in one.</summary>
    public bool InCustomStatus => CustomStatusName is not null;
    public Team OwnerTeam { get; private init; }
    public string? Owner { get; private init; }
    public Fit Fit { get; private init; }
    public int FitScore { get; private init; }
    public Interest Interest { get; private init; }
    public Quadrant Quadrant => QuadrantOf.From(Fit, Interest);
    public int ActivityScore { get; private init; }
    public LeadFlags Flags { get; private init; }
    public ImmutableDictionary<LifecycleStage, Stamp> StageStamps { get; private init; } = ImmutableDictionary<LifecycleStage, Stamp>.Empty;

    /// <summary>Stamps by role: the clocks the rules read (SLA, sweeps). A custom status's visits count for its role.</summary>
    public ImmutableDictionary<LeadStatus, Stamp> StatusStamps { get; private init; } = ImmutableDictionary<LeadStatus, Stamp>.Empty;

    /// <summary>Stamps by status name, custom statuses under their own name: what velocity reports.</summary>
    public ImmutableDictionary<string, Stamp> StatusNameStamps { get; private init; } = ImmutableDictionary<string, Stamp>.Empty;
    public CampaignStamps Campaigns { get; private init; } = CampaignStamps.None;
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset? LastContactAt { get; private init; }

    /// <summary>When the lead last landed in the sales inbox; the no-contact clock (seed 003, 30 days) runs from here.</summary>
    public DateTimeOffset? HandedToSalesAt { get; private init; }
    public DateTimeOffset? LastActivityAt { get; private init; }
    public DateTimeOffset? NextCheckBackAt { get; private init; }
    public DateTimeOffset? NextResurfaceAt { get; private init; }
    public string? SuppressedReason { get; private init; }
    public bool Suppressed => SuppressedReason is not null;
    public string? LastFormId { get; private init; }
    public bool Consent { get; private init; }

    /// <summary>What the person last wrote in a form; a later form without a message keeps it.</summary>
    public LeadMessage? LastMessage { get; private init; }

    /// <summary>The CRM's id of the lead's most recent deal, as the deal commands name it; null until one does.</summary>
    public string? DealId { get; private init; }

    /// <summary>Why the lead's current sales team and rep have it ("why this rep"); null until routing placed it, and after it is handed back.</summary>
    public Assignment? Assignment { get; private init; }

    /// <summary>The rep who owned the lead before its current owner (or before it was handed back), and until when.</summary>
    public PastOwner? PreviousOwner { get; private init; }

    /// <summary>The sales team that holds the lead (its rep's, or the queue it waits in); null while marketing has it.</summary>
    public string? SalesTeam => Assignment?.Team;

    /// <summary>Number of commands recorded against this lead (applied or rejected); orders the audit trail.</summary>
    public long Version { get; private init; }

    /// <summary>Number of events this lead's applied changes produced; the next event is numbered one higher, so a lead's events have no gaps.</summary>
    public long EventSequence { get; private init; }

    /// <summary>Null while the lead is in a built-in status; its name otherwise.</summary>
    private string? CustomStatusName { get; init; }

    public DateTimeOffset EnteredStageAt => StageStamps[Stage].LastEnteredAt;
    public DateTimeOffset EnteredStatusAt => StatusStamps[Status].LastEnteredAt;

    /// <summary>A new person, as their first form brings them in: one open visit of the starting stage and status.</summary>
    internal static Lead Introduce(
        string id, Person person, LifecycleStage stage, LeadStatus status, Team ownerTeam, Fit fit, int fitScore, Interest interest,
        int activityScore, string campaign, DateTimeOffset at, string? formId, bool consent, LeadMessage? message, LeadOrigin? origin = null) => new()
    {
        Id = id,
        Person = person,
        Stage = stage,
        Status = status,
        OwnerTeam = ownerTeam,
        Fit = fit,
        FitScore = fitScore,
        Interest = interest,
        ActivityScore = activityScore,
        StageStamps = StampBook.Start(stage, at),
        StatusStamps = StampBook.Start(status, at),
        StatusNameStamps = StampBook.Start(status.ToString(), at),
        Campaigns = CampaignStamps.None.OnEntering(stage, campaign) with { Origin = origin },
        CreatedAt = at,
        LastActivityAt = at,
        LastFormId = formId,
        Consent = consent,
        LastMessage = message,
    };
}
