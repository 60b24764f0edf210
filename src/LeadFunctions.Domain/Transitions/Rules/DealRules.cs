using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Transitions.Rules;

/// <summary>Deals (seed 000: Open Deal, Current Customer, Dead Opportunity).</summary>
internal static class DealRules
{
    public static Decision Created(Lead lead, TransitionCommand command)
    {
        var at = command.OccurredAt;
        return Decision.To(lead.AdvanceTo(LifecycleStage.Opportunity, at).MoveStatus(LeadStatus.OpenDeal, at).AssignedTo(Team.Sales, null));
    }

    public static Decision Won(Lead lead, TransitionCommand command)
    {
        var at = command.OccurredAt;
        return Decision.To(lead.AdvanceTo(LifecycleStage.Customer, at).MoveStatus(LeadStatus.CurrentCustomer, at)
            .WithoutFlag(LeadFlags.CheckBackDue) with { NextCheckBackAt = null, NextResurfaceAt = null });
    }

    /// <summary>A lost deal is kept and resurfaced on the playbook's cadence ("rescheduled from time to time").</summary>
    public static Decision Lost(Lead lead, TransitionCommand command, Playbook playbook)
    {
        var at = command.OccurredAt;
        return Decision.To(lead.MoveStatus(LeadStatus.DeadOpportunity, at) with
        {
            NextResurfaceAt = at.AddMonths(playbook.Thresholds.DeadOpportunityResurfaceMonths),
        });
    }
}
