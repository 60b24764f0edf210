namespace LeadFunctions.Domain.Transitions;

/// <summary>Every kind of change a lead can go through. System types are emitted by the sweeps only.</summary>
public enum TransitionType
{
    FormSubmitted,
    FirstOutreachSent,
    ContactMade,
    Qualified,
    MeetingScheduled,
    DealCreated,
    DealWon,
    DealLost,
    NotInterested,
    BadFit,
    CheckBackLater,
    OwnershipTransferRequested,
    ActivityRecorded,
    Unsubscribed,
    EmailBounced,
    StageAdvanced,
    Regress,
    NoContactTimeout,
    WentDark,
    CheckBackDue,
    OpportunityResurfaced,
    SlaBreached,

    /// <summary>Someone outside (a manager, the CRM) hands the lead to a named rep, with a reason.</summary>
    Reassigned,

    /// <summary>A rep of the team a queued lead waits with became available: routing tries again.</summary>
    AssignmentDue,

    /// <summary>The lead's status SLA runs out soon (the playbook's warning lead time): its rep is warned.</summary>
    SlaWarning,

    /// <summary>A recycled lead stayed silent long enough after recycling: marketing stops mailing it.</summary>
    EngagementLapsed,

    /// <summary>A marketing lead's activity score decayed below high interest.</summary>
    InterestDecayed,

    /// <summary>Someone moves the lead to a status by name (the playbook's own, issue 16), as that status's "from" list allows.</summary>
    StatusSet,

    /// <summary>A row of an uploaded list (purchased list, research, customers, a rep's own leads) introduces or updates a lead.</summary>
    LeadImported,
}

public static class TransitionTypes
{
    public static bool IsSystem(this TransitionType type) => type is TransitionType.NoContactTimeout
        or TransitionType.WentDark or TransitionType.CheckBackDue or TransitionType.OpportunityResurfaced or TransitionType.SlaBreached
        or TransitionType.AssignmentDue or TransitionType.SlaWarning or TransitionType.EngagementLapsed or TransitionType.InterestDecayed;

    /// <summary>Commands that mean a person on the team worked the lead: they clear the attention flags.</summary>
    public static bool IsSalesWork(this TransitionType type) => type is TransitionType.FirstOutreachSent
        or TransitionType.ContactMade or TransitionType.Qualified or TransitionType.MeetingScheduled
        or TransitionType.DealCreated or TransitionType.CheckBackLater or TransitionType.NotInterested or TransitionType.BadFit;

    /// <summary>External commands accepted from CRMs and reps (everything but intake and the sweeps).</summary>
    public static bool IsExternal(this TransitionType type) => !type.IsSystem() && !type.IsIntake();

    /// <summary>Commands that bring people in (a form, an imported row): they can create a lead and check their own preconditions.</summary>
    public static bool IsIntake(this TransitionType type) => type is TransitionType.FormSubmitted or TransitionType.LeadImported;
}
