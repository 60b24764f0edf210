using LeadFunctions.Domain.Calendar;
using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Sweeps;

/// <summary>
/// When each sweep is next owed a look at a lead, and what it does then. The store indexes these dates so a
/// sweep reads only due leads; the rules below are re-checked against the lead's current state before acting.
/// </summary>
public sealed class SweepSchedule
{
    private readonly Playbook _playbook;
    private readonly BusinessCalendar _calendar;
    private readonly HashSet<LeadStatus> _noContactStatuses;
    private readonly HashSet<LeadStatus> _recycleStatuses;

    public SweepSchedule(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        _playbook = playbook;
        _calendar = new BusinessCalendar(playbook.BusinessCalendar);
        _noContactStatuses = [.. playbook.Sweeps.NoContactStatuses];
        _recycleStatuses = [.. playbook.Sweeps.RecycleDarkStatuses];
    }

    public IEnumerable<DueEntry> DueDates(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        foreach (var kind in Enum.GetValues<SweepKind>())
        {
            if (DueAt(kind, lead) is { } due)
            {
                yield return new DueEntry(kind, lead.Id, due.At);
            }
        }
    }

    /// <summary>The action a sweep takes on the lead as of <paramref name="now"/>, or null when it is not (or no longer) due.</summary>
    public SweepAction? ActionFor(SweepKind kind, Lead lead, DateTimeOffset now)
        => DueAt(kind, lead, now) is { } due && due.At <= now ? new SweepAction(kind, due.Command, due.At) : null;

    /// <param name="now">Null when listing due dates for the index; given when a sweep acts, so a missed warning gives way to the breach.</param>
    private (DateTimeOffset At, TransitionType Command)? DueAt(SweepKind kind, Lead lead, DateTimeOffset? now = null) => kind switch
    {
        SweepKind.DisqualifyNoContact => NoContactDue(lead),
        SweepKind.RecycleDark => DarkDue(lead),
        SweepKind.FlagCheckBacks => CheckBackDue(lead),
        SweepKind.FlagSlaBreaches => SlaDue(lead, now),
        SweepKind.AssignQueued => QueuedDue(lead),
        SweepKind.SuppressUnengaged => UnengagedDue(lead),
        SweepKind.DecayInterest => DecayDue(lead),
        _ => null,
    };

    /// <summary>Seed 003: an SQL the owner has not reached within 30 days of getting it is disqualified.</summary>
    private (DateTimeOffset, TransitionType)? NoContactDue(Lead lead)
    {
        if (lead.Stage != LifecycleStage.SQL || !_noContactStatuses.Contains(lead.Status))
        {
            return null;
        }

        var clock = lead.HandedToSalesAt ?? lead.EnteredStageAt;
        if (lead.LastContactAt is { } contact && contact >= clock)
        {
            return null;
        }

        return (clock.AddDays(_playbook.Thresholds.NoContactDays), TransitionType.NoContactTimeout);
    }

    /// <summary>Seed 003: a lead once qualified that has gone dark is recycled, unless it opted out of e-mail.</summary>
    private (DateTimeOffset, TransitionType)? DarkDue(Lead lead)
    {
        if (lead.Suppressed || lead.Stage < LifecycleStage.MQL || lead.Stage >= LifecycleStage.Customer || !_recycleStatuses.Contains(lead.Status))
        {
            return null;
        }

        var lastSign = Max(lead.LastActivityAt, lead.LastContactAt, lead.EnteredStatusAt);
        return (lastSign.AddDays(_playbook.Thresholds.DarkAfterDays), TransitionType.WentDark);
    }

    /// <summary>
    /// Seed 000: Check Back Quarterly is revisited on its date, and again every cadence (the flag from an earlier date does
    /// not stop the next one); dead opportunities resurface on their cadence.
    /// </summary>
    private static (DateTimeOffset, TransitionType)? CheckBackDue(Lead lead) => lead switch
    {
        { Status: LeadStatus.CheckBackQuarterly, NextCheckBackAt: { } at } => (at, TransitionType.CheckBackDue),
        { Status: LeadStatus.DeadOpportunity, NextResurfaceAt: { } at } => (at, TransitionType.OpportunityResurfaced),
        _ => null,
    };

    /// <summary>
    /// When the lead's status SLA runs out (the inbox sorts on it), or null when its status has none. The clock runs from
    /// the latest of: entering the status, its current rep getting it (a reassigned lead gives the new rep a fresh
    /// clock), and the last contact made (a rep who reached the person has worked it).
    /// </summary>
    public DateTimeOffset? SlaDueAt(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (_playbook.SlaFor(lead.Status) is not { BusinessDays: { } days })
        {
            return null;
        }

        DateTimeOffset? ownerSince = lead is { Owner: { } owner, Assignment: { } placed } && placed.Rep == owner ? placed.At : null;
        var clock = Max(ownerSince, lead.LastContactAt, lead.EnteredStatusAt);
        return _calendar.AddBusinessDays(clock, days);
    }

    /// <summary>
    /// Seed 000 and issue 14: nobody sits in a status longer than its SLA. The warning comes first (when the playbook asks
    /// for one), then the breach; a sweep that comes round after the breach skips straight to it.
    /// </summary>
    private (DateTimeOffset, TransitionType)? SlaDue(Lead lead, DateTimeOffset? now = null)
    {
        if (SlaDueAt(lead) is not { } breach || BreachAnswered(lead))
        {
            return null;
        }

        var warnBefore = _playbook.SlaFor(lead.Status)!.WarnBeforeHours;
        var warnAt = breach.AddHours(-warnBefore);
        var warned = warnBefore == 0 || lead.Flags.HasFlag(LeadFlags.SlaWarning) || now >= breach;
        return warned ? (breach, TransitionType.SlaBreached) : (warnAt, TransitionType.SlaWarning);
    }

    /// <summary>
    /// A breach stops the clock (flag only, or escalated to a manager, who is not escalated again), except when it
    /// moved the lead on to another rep: the rep it passed over is on the assignment, and the new rep's clock runs.
    /// </summary>
    private static bool BreachAnswered(Lead lead)
        => lead.Flags.HasFlag(LeadFlags.SlaBreached)
            && !(lead.Owner is not null && lead.Assignment is { } placed && placed.Skipped.Any(s => s.Why == RepStanding.PassedOver));

    /// <summary>Seed 003: a recycled lead that shows no sign of life for the playbook's days is no longer mailed.</summary>
    private (DateTimeOffset, TransitionType)? UnengagedDue(Lead lead)
    {
        var days = _playbook.Thresholds.NoEngagementSuppressDays;
        if (days == 0 || lead.Status != LeadStatus.Recycled || lead.Suppressed)
        {
            return null;
        }

        var lastSign = Max(lead.LastActivityAt, lead.LastContactAt, lead.EnteredStatusAt);
        return (lastSign.AddDays(days), TransitionType.EngagementLapsed);
    }

    /// <summary>
    /// When a marketing lead's score, halving every half-life since its last activity, falls below high interest. The
    /// score is only rewritten then: between activities nothing else reads it but the threshold.
    /// </summary>
    private (DateTimeOffset, TransitionType)? DecayDue(Lead lead) => InterestDecay.DueAt(lead, _playbook.Interest) is { } due
        ? (due, TransitionType.InterestDecayed)
        : null;

    /// <summary>A lead waiting in its team's queue is tried again when routing said it might place it.</summary>
    private static (DateTimeOffset, TransitionType)? QueuedDue(Lead lead)
        => lead.Flags.HasFlag(LeadFlags.Unassigned) && lead.Assignment?.RetryAt is { } retry ? (retry, TransitionType.AssignmentDue) : null;

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset? b, DateTimeOffset c)
    {
        var max = c;
        if (a > max)
        {
            max = a.Value;
        }

        if (b > max)
        {
            max = b.Value;
        }

        return max;
    }
}
