using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Transitions.Rules;

/// <summary>What a rep's work does to a lead (seeds 000 and 003): outreach, contact, qualification, and the ways out.</summary>
internal static class OutreachRules
{
    public static Decision FirstOutreachSent(Lead lead, TransitionCommand command, Playbook playbook)
    {
        var at = command.OccurredAt;
        // With the optional SAL stage on, the first touch by sales is what "accepts" a marketing lead.
        var accepted = playbook.IsEnabled(LifecycleStage.SAL) && lead.Stage < LifecycleStage.SAL
            ? lead.AdvanceTo(LifecycleStage.SAL, at)
            : lead;
        // Whoever sent the first touch owns the lead unless someone already does.
        return Decision.To(accepted.MoveStatus(LeadStatus.ActivelyWorking, at).AssignedTo(Team.Sales, lead.Owner ?? command.Actor));
    }

    public static Decision ContactMade(Lead lead, TransitionCommand command)
        => Decision.To(lead.Contacted(command.OccurredAt).MoveStatus(LeadStatus.Connected, command.OccurredAt));

    public static Decision Qualified(Lead lead, TransitionCommand command)
    {
        var at = command.OccurredAt;
        var qualified = lead.AdvanceTo(LifecycleStage.SQL, at).MoveStatus(LeadStatus.Qualified, at);
        return Decision.To(qualified.AssignedTo(Team.Sales, null).WithInterest(Interest.High));
    }

    /// <summary>Seed 003: contact plus a scheduled follow-up makes the lead an opportunity.</summary>
    public static Decision MeetingScheduled(Lead lead, TransitionCommand command)
    {
        var at = command.OccurredAt;
        var met = lead.Contacted(at).AdvanceTo(LifecycleStage.Opportunity, at);
        var status = lead.Status is LeadStatus.OpenDeal ? LeadStatus.OpenDeal : LeadStatus.Qualified;
        return Decision.To(met.MoveStatus(status, at).AssignedTo(Team.Sales, null).WithInterest(Interest.High));
    }

    public static Decision CheckBackLater(Lead lead, TransitionCommand command, Playbook playbook)
    {
        var at = command.OccurredAt;
        var next = command.Payload.CheckBackAt ?? at.AddMonths(playbook.Thresholds.CheckBackMonths);
        if (next <= at)
        {
            return Decision.Reject(RejectionCode.MissingData);
        }

        return Decision.To(lead.MoveStatus(LeadStatus.CheckBackQuarterly, at).CheckBackOn(next));
    }

    /// <summary>
    /// Kept for the state machine's dispatch, which does not yet pass its playbook (issue 14): without one, every
    /// "not interested" is disqualified, as before.
    /// </summary>
    /// <summary>
    /// Seed 003: contact made, no interest: back to marketing (seed 004's reverse handoff). Interest drops first, so the
    /// quadrant the lead lands in decides where it goes: a good fit is a "Sleeping Giant" worth nurturing rather than
    /// writing off, when the playbook says so; a quadrant that names no status disqualifies.
    /// </summary>
    public static Decision NotInterested(Lead lead, TransitionCommand command, Playbook playbook)
    {
        var uninterested = lead.WithInterest(Interest.Low);
        var status = playbook.Quadrants.GetValueOrDefault(uninterested.Quadrant)?.NotInterestedStatus ?? LeadStatus.Disqualified;
        var team = playbook.DefinitionOf(status)?.Owner ?? Team.Marketing;
        return Decision.To(uninterested.MoveStatus(status, command.OccurredAt).AssignedTo(team, null));
    }

    public static Decision BadFit(Lead lead, TransitionCommand command)
        => Decision.To(lead.MoveStatus(LeadStatus.BadFit, command.OccurredAt).AssignedTo(Team.Marketing, null).WithFit(Fit.Low));

    /// <summary>Seed 003: a request to transfer ownership moves an MQL to SQL, whatever its fit: a person decided.</summary>
    public static Decision OwnershipTransferRequested(Lead lead, TransitionCommand command, Playbook playbook)
    {
        if (SalesRouting.IsSalesOwnedStage(lead.Stage) && lead.OwnerTeam == Team.Sales)
        {
            return Decision.Reject(RejectionCode.AlreadySalesOwned);
        }

        return Decision.To(SalesRouting.HandRaise(lead, playbook, command.OccurredAt, campaign: null, overrideFit: true));
    }
}
