using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Transitions.Rules;

/// <summary>
/// StatusSet (issue 16, item 1): moves a lead to any status, built-in or the playbook's own, whose "from" list names the
/// lead's current status. Entering it has its role's consequences, so a custom status behaves as its role does.
/// </summary>
internal static class StatusRules
{
    public static Decision Set(Lead lead, TransitionCommand command, Playbook playbook)
    {
        if (command.Payload.StatusName is not { Length: > 0 } name)
        {
            return Decision.Reject(RejectionCode.MissingData);
        }

        if (playbook.FindStatus(name) is not { } target || target.ActsAs() is not { } role)
        {
            return Decision.Reject(RejectionCode.UnknownStatus);
        }

        if (name == lead.StatusName)
        {
            return Decision.Reject(RejectionCode.AlreadyInStatus);
        }

        if (target.From is not { } from || !from.Contains(lead.StatusName, StringComparer.Ordinal))
        {
            return Decision.Reject(RejectionCode.StatusNotAllowed);
        }

        var at = command.OccurredAt;
        var moved = Consequences(lead.SetStatus(name, role, at), role, at, playbook);
        return Decision.To(target.Owner == Team.Sales ? ToSales(lead, moved, at) : moved.AssignedTo(target.Owner, null));
    }

    /// <summary>What entering a status of each role does beyond the move, as the built-in rules into that status do.</summary>
    private static Lead Consequences(Lead lead, LeadStatus role, DateTimeOffset at, Playbook playbook) => role switch
    {
        LeadStatus.New or LeadStatus.Qualified => lead.AdvanceTo(LifecycleStage.SQL, at),
        LeadStatus.OpenDeal => lead.AdvanceTo(LifecycleStage.Opportunity, at),
        LeadStatus.CurrentCustomer => lead.AdvanceTo(LifecycleStage.Customer, at).WithoutFlag(LeadFlags.CheckBackDue).WithoutFollowUps(),
        LeadStatus.CheckBackQuarterly => lead.CheckBackOn(at.AddMonths(playbook.Thresholds.CheckBackMonths)),
        LeadStatus.DeadOpportunity => lead.ResurfaceOn(at.AddMonths(playbook.Thresholds.DeadOpportunityResurfaceMonths)),
        _ => lead,
    };

    /// <summary>
    /// A lead marketing had, moved into a status sales owns, is handed to sales as a hand-raise is: at least SQL, in the
    /// sales inbox with the no-contact clock started, and routed to a rep. A lead sales already works keeps its rep.
    /// </summary>
    private static Lead ToSales(Lead before, Lead moved, DateTimeOffset at)
    {
        if (before.OwnerTeam == Team.Sales)
        {
            return moved;
        }

        return moved.AdvanceTo(LifecycleStage.SQL, at).AssignedTo(Team.Sales, null).HandedToSales(at, campaign: null);
    }
}
