using LeadFunctions.Domain.Calendar;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
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
        => DueAt(kind, lead) is { } due && due.At <= now ? new SweepAction(kind, due.Command, due.At) : null;

    private (DateTimeOffset At, TransitionType Command)? DueAt(SweepKind kind, Lead lead) => kind switch
    {
        SweepKind.DisqualifyNoContact => NoContactDue(lead),
        SweepKind.RecycleDark => DarkDue(lead),
        SweepKind.FlagCheckBacks => CheckBackDue(lead),
        SweepKind.FlagSlaBreaches => SlaDue(lead),
        SweepKind.AssignQueued => QueuedDue(lead),
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

    /// <summary>Seed 000: nobody stays New for more than three business days.</summary>
    private (DateTimeOffset, TransitionType)? SlaDue(Lead lead)
    {
        if (lead.Status != LeadStatus.New || lead.Flags.HasFlag(LeadFlags.SlaBreached))
        {
            return null;
        }

        return (_calendar.AddBusinessDays(lead.EnteredStatusAt, _playbook.Thresholds.NewSlaBusinessDays), TransitionType.SlaBreached);
    }

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
