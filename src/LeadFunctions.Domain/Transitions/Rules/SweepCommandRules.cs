using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Sweeps;

namespace LeadFunctions.Domain.Transitions.Rules;

/// <summary>The sweeps' own commands. Each re-checks that the lead is still due, so a stale index entry changes nothing.</summary>
internal static class SweepCommandRules
{
    public static Decision Apply(Lead lead, TransitionCommand command, SweepSchedule schedule, Playbook playbook)
    {
        var kind = KindOf(command.Type);
        if (schedule.ActionFor(kind, lead, command.OccurredAt) is not { } action || action.Command != command.Type)
        {
            return Decision.Reject(RejectionCode.NotDue);
        }

        var at = command.OccurredAt;
        return Decision.To(command.Type switch
        {
            TransitionType.NoContactTimeout => lead.MoveStatus(LeadStatus.Disqualified, at).AssignedTo(Team.Marketing, null),
            TransitionType.WentDark => lead.MoveStatus(LeadStatus.Recycled, at).AssignedTo(Team.Marketing, null),
            TransitionType.CheckBackDue => CheckBackCameDue(lead, action.DueAt, at, playbook),
            TransitionType.OpportunityResurfaced => lead.WithFlag(LeadFlags.CheckBackDue)
                .ResurfaceOn(NextAfter(action.DueAt, at, playbook.Thresholds.DeadOpportunityResurfaceMonths)),
            TransitionType.SlaBreached => lead.WithFlag(LeadFlags.SlaBreached),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.Type, "Not a sweep command."),
        });
    }

    /// <summary>
    /// Seed 000: a parked lead is revisited every cadence, not once. By default it goes back to sales the way a raised
    /// hand does (a fresh handoff is what gets it a rep); the flag stays so the rep sees why it is back.
    /// </summary>
    private static Lead CheckBackCameDue(Lead lead, DateTimeOffset due, DateTimeOffset at, Playbook playbook)
    {
        var flagged = lead.WithFlag(LeadFlags.CheckBackDue).CheckBackOn(NextAfter(due, at, playbook.Thresholds.CheckBackMonths));
        return playbook.Thresholds.CheckBackHandsToSales ? SalesRouting.HandRaise(flagged, playbook, at, campaign: null) : flagged;
    }

    private static SweepKind KindOf(TransitionType type) => type switch
    {
        TransitionType.NoContactTimeout => SweepKind.DisqualifyNoContact,
        TransitionType.WentDark => SweepKind.RecycleDark,
        TransitionType.CheckBackDue or TransitionType.OpportunityResurfaced => SweepKind.FlagCheckBacks,
        TransitionType.SlaBreached => SweepKind.FlagSlaBreaches,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a sweep command."),
    };

    private static DateTimeOffset NextAfter(DateTimeOffset due, DateTimeOffset now, int months)
    {
        var next = due.AddMonths(months);
        while (next <= now)
        {
            next = next.AddMonths(months);
        }

        return next;
    }
}
