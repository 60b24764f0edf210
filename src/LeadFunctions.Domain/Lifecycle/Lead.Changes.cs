using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Transitions.Rules;

namespace LeadFunctions.Domain.Lifecycle;

/// <summary>
/// The only ways a lead changes. Stage and status move with their stamps, so a visit is never opened or closed without
/// them; later dates never go back in time. Internal: the rules call these, and the state machine numbers the result.
/// </summary>
public sealed partial record Lead
{
    /// <summary>Both SLA flags: they belong to one status and one clock, and go together.</summary>
    internal const LeadFlags SlaFlags = LeadFlags.SlaWarning | LeadFlags.SlaBreached;

    /// <summary>Moves the stage forward; a target behind the current stage is left alone (stages never slide back on their own).</summary>
    internal Lead AdvanceTo(LifecycleStage target, DateTimeOffset at, string? campaign = null)
        => target > Stage ? MoveStage(target, at, campaign) : this;

    /// <summary>Moves the stage anywhere; callers guarantee the move is legal (forward, or an explicit regress).</summary>
    internal Lead MoveStage(LifecycleStage target, DateTimeOffset at, string? campaign = null)
        => target == Stage
            ? this
            : this with
            {
                Stage = target,
                StageStamps = StampBook.Move(StageStamps, Stage, target, at),
                Campaigns = Campaigns.OnEntering(target, campaign),
            };

    /// <summary>
    /// The SLA is per status: its warning and breach belong to the status the lead leaves. A rule moves a lead by role: a
    /// lead already in a custom status of that role stays in it; moving to another role lands in the built-in status.
    /// </summary>
    internal Lead MoveStatus(LeadStatus target, DateTimeOffset at)
        => target == Status
            ? this
            : this with
            {
                Status = target,
                CustomStatusName = null,
                StatusStamps = StampBook.Move(StatusStamps, Status, target, at),
                StatusNameStamps = StampBook.Move(StatusNameStamps, StatusName, target.ToString(), at),
                Flags = Flags & ~SlaFlags,
            };

    /// <summary>
    /// Moves the lead into a status by name (a StatusSet event): <paramref name="role"/> is the built-in status whose rules
    /// it follows. Within one role the role's clock and its SLA flags carry on: the lead did not leave the inbox.
    /// </summary>
    internal Lead SetStatus(string name, LeadStatus role, DateTimeOffset at)
        => name == StatusName
            ? this
            : this with
            {
                Status = role,
                CustomStatusName = name == role.ToString() ? null : name,
                StatusStamps = StampBook.Move(StatusStamps, Status, role, at),
                StatusNameStamps = StampBook.Move(StatusNameStamps, StatusName, name, at),
                Flags = role == Status ? Flags : Flags & ~SlaFlags,
            };

    /// <summary>
    /// A person new to the funnel who lands straight in a later stage never sat in the earlier one: the history starts
    /// afresh in the current stage and status, so no zero-length visit is stamped.
    /// </summary>
    internal Lead StartingHistoryAt(DateTimeOffset at, string? campaign) => this with
    {
        StageStamps = StampBook.Start(Stage, at),
        StatusStamps = StampBook.Start(Status, at),
        StatusNameStamps = StampBook.Start(StatusName, at),
        Campaigns = CampaignStamps.None.OnEntering(Stage, campaign) with { Origin = Campaigns.Origin },
    };

    internal Lead WithFlag(LeadFlags flag) => this with { Flags = Flags | flag };

    internal Lead WithoutFlag(LeadFlags flag) => this with { Flags = Flags & ~flag };

    /// <summary>Hands the lead to a team; a null owner keeps the current one.</summary>
    internal Lead AssignedTo(Team team, string? owner) => this with { OwnerTeam = team, Owner = owner ?? Owner };

    /// <summary>
    /// Places the lead with the team and rep routing chose; with no rep it waits in the team's queue, flagged. A rep it
    /// leaves is remembered, so a lead that comes back soon can return to them.
    /// </summary>
    /// <param name="leaving">The owner it leaves, when a rule already wrote the new one over it.</param>
    internal Lead RoutedBy(Assignment assignment, DateTimeOffset at, string? leaving = null) => this with
    {
        Assignment = assignment,
        OwnerTeam = Team.Sales,
        Owner = assignment.Rep,
        PreviousOwner = (leaving ?? Owner) is { } left && left != assignment.Rep ? new PastOwner(left, at) : PreviousOwner,
        Flags = assignment.Rep is null ? Flags | LeadFlags.Unassigned : Flags & ~LeadFlags.Unassigned,
    };

    /// <summary>
    /// The reverse handoff: the lead leaves its rep's view and its team's queue for <paramref name="team"/>. The rep is
    /// remembered as the previous owner; the history keeps who had it and why.
    /// </summary>
    internal Lead HandedBack(Team team, DateTimeOffset at) => this with
    {
        OwnerTeam = team,
        Owner = null,
        Assignment = null,
        PreviousOwner = Owner is { } left ? new PastOwner(left, at) : PreviousOwner,
        Flags = Flags & ~LeadFlags.Unassigned,
    };

    /// <summary>Lands the lead in the sales inbox: the no-contact clock restarts and the SQL campaign is stamped.</summary>
    internal Lead HandedToSales(DateTimeOffset at, string? campaign) => this with
    {
        HandedToSalesAt = at,
        Campaigns = Campaigns.OnEntering(LifecycleStage.SQL, campaign),
    };

    /// <summary>Interest that faded: the score decays (the one way it goes down) and interest is what the score says now.</summary>
    internal Lead WithDecayedActivity(int activityScore, Interest interest) => this with { ActivityScore = activityScore, Interest = interest };

    /// <summary>A person's verdict on interest (a rep qualified them, or heard no): it replaces what scoring said.</summary>
    internal Lead WithInterest(Interest interest) => this with { Interest = interest };

    /// <summary>A person's verdict on fit: it replaces what the persona score said.</summary>
    internal Lead WithFit(Fit fit) => this with { Fit = fit };

    /// <summary>Activity points earned; interest only ever rises from scoring.</summary>
    internal Lead RecordedActivity(int activityScore, Interest interest, DateTimeOffset at) => this with
    {
        ActivityScore = activityScore,
        Interest = Higher(Interest, interest),
        LastActivityAt = Later(LastActivityAt, at),
    };

    /// <summary>
    /// A known person filled in another form: what they told us is merged, consent once given stays given, a form
    /// without a message keeps the last one, and consent given again lifts an unsubscribe (a bounce stays).
    /// </summary>
    internal Lead Resubmitted(
        Person person, int fitScore, Fit fit, Interest interest, int activityScore, DateTimeOffset at, string formId, bool consent, LeadMessage? message)
        => this with
        {
            Person = person,
            FitScore = fitScore,
            Fit = fit,
            Interest = Higher(Interest, interest),
            ActivityScore = activityScore,
            LastActivityAt = Later(LastActivityAt, at),
            LastFormId = formId,
            Consent = Consent || consent,
            LastMessage = message ?? LastMessage,
            SuppressedReason = consent && SuppressedReason == SuppressionReasons.Unsubscribed ? null : SuppressedReason,
        };

    /// <summary>
    /// A list (not the person) told us more about them: what it says is merged and consent once given stays given, but
    /// nothing counts as the person's activity, and a list without a message keeps the last one.
    /// </summary>
    internal Lead Enriched(Person person, int fitScore, Fit fit, bool consent, LeadMessage? message) => this with
    {
        Person = person,
        FitScore = fitScore,
        Fit = fit,
        Consent = Consent || consent,
        LastMessage = message ?? LastMessage,
    };

    internal Lead Contacted(DateTimeOffset at) => this with
    {
        LastContactAt = Later(LastContactAt, at),
        LastActivityAt = Later(LastActivityAt, at),
    };

    /// <summary>Lifts a suppression, but only one for this reason: a bounce or an unsubscribe is not lifted by anything else.</summary>
    internal Lead UnsuppressedFrom(string reason) => SuppressedReason == reason ? this with { SuppressedReason = null } : this;

    /// <summary>The first reason marketing e-mail stopped is the one kept.</summary>
    internal Lead SuppressedFor(string reason) => this with { SuppressedReason = SuppressedReason ?? reason };

    internal Lead CheckBackOn(DateTimeOffset at) => this with { NextCheckBackAt = at };

    internal Lead ResurfaceOn(DateTimeOffset at) => this with { NextResurfaceAt = at };

    /// <summary>A customer is neither checked back on nor resurfaced.</summary>
    internal Lead WithoutFollowUps() => this with { NextCheckBackAt = null, NextResurfaceAt = null };

    /// <summary>The deal the CRM names; a deal command without one keeps the last.</summary>
    internal Lead WithDeal(string? dealId) => this with { DealId = dealId ?? DealId };

    /// <summary>Numbers the lead after one more recorded command; only the state machine does this.</summary>
    internal Lead AtVersion(long version) => this with { Version = version };

    /// <summary>Counts the events of one more applied change; only the event log does this.</summary>
    internal Lead AtEventSequence(long eventSequence) => this with { EventSequence = eventSequence };

    private static Interest Higher(Interest a, Interest b) => b > a ? b : a;

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
