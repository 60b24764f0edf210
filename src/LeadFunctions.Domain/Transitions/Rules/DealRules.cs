using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Transitions.Rules;

/// <summary>Deals (seed 000: Open Deal, Current Customer, Dead Opportunity).</summary>
internal static class DealRules
{
    public static Decision Created(Lead lead, TransitionCommand command)
    {
        var at = command.OccurredAt;
        return Decision.To(lead.AdvanceTo(LifecycleStage.Opportunity, at).MoveStatus(LeadStatus.OpenDeal, at).AssignedTo(Team.Sales, null)
            .WithDeal(command.Payload.DealId));
    }

    public static Decision Won(Lead lead, TransitionCommand command)
    {
        var at = command.OccurredAt;
        return Decision.To(lead.AdvanceTo(LifecycleStage.Customer, at).MoveStatus(LeadStatus.CurrentCustomer, at)
            .WithoutFlag(LeadFlags.CheckBackDue).WithoutFollowUps().WithDeal(command.Payload.DealId));
    }

    /// <summary>A lost deal is kept and resurfaced on the playbook's cadence ("rescheduled from time to time").</summary>
    public static Decision Lost(Lead lead, TransitionCommand command, Playbook playbook)
    {
        var at = command.OccurredAt;
        return Decision.To(lead.MoveStatus(LeadStatus.DeadOpportunity, at)
            .ResurfaceOn(at.AddMonths(playbook.Thresholds.DeadOpportunityResurfaceMonths))
            .WithDeal(command.Payload.DealId));
    }
}
