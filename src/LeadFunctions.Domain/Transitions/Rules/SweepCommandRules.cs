using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
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
            TransitionType.SlaWarning => lead.WithFlag(LeadFlags.SlaWarning),
            TransitionType.SlaBreached => SlaRan(lead, at, playbook),
            TransitionType.EngagementLapsed => lead.SuppressedFor(SuppressionReasons.NoEngagement),
            TransitionType.InterestDecayed => Decayed(lead, at, playbook),
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

    /// <summary>
    /// The breach supersedes the warning. Escalating hands the lead to its team's manager here; reassigning is routing's
    /// job (the state machine asks for it with the breached rep passed over); a team without a manager keeps the rep.
    /// </summary>
    private static Lead SlaRan(Lead lead, DateTimeOffset at, Playbook playbook)
    {
        var breached = lead.WithoutFlag(LeadFlags.SlaWarning).WithFlag(LeadFlags.SlaBreached);
        if (playbook.SlaFor(lead.Status)?.OnBreach != SlaBreachAction.Escalate
            || playbook.Routing.FindTeam(lead.SalesTeam) is not { Manager: { } manager } team
            || manager == lead.Owner)
        {
            return breached;
        }

        var reason = $"SLA for {lead.Status} ran out with {lead.Owner ?? "the team queue"}: escalated to the team's manager";
        return breached.RoutedBy(new Assignment(team.Id, null, manager, reason, at, []), at);
    }

    /// <summary>The score as it has decayed by now; below high interest the lead is low interest (its quadrant follows).</summary>
    private static Lead Decayed(Lead lead, DateTimeOffset at, Playbook playbook)
    {
        var score = InterestDecay.ScoreAt(lead, playbook.Interest, at);
        return lead.WithDecayedActivity(score, InterestLevel.Of(raisedHand: false, score, playbook.Interest));
    }

    private static SweepKind KindOf(TransitionType type) => type switch
    {
        TransitionType.NoContactTimeout => SweepKind.DisqualifyNoContact,
        TransitionType.WentDark => SweepKind.RecycleDark,
        TransitionType.CheckBackDue or TransitionType.OpportunityResurfaced => SweepKind.FlagCheckBacks,
        TransitionType.SlaWarning or TransitionType.SlaBreached => SweepKind.FlagSlaBreaches,
        TransitionType.EngagementLapsed => SweepKind.SuppressUnengaged,
        TransitionType.InterestDecayed => SweepKind.DecayInterest,
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
