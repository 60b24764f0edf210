using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Intake;

/// <summary>
/// Where a lead that earned sales attention goes: the sales inbox (SQL / New), or, for a low-fit hand-raiser,
/// marketing's nurture track (MQL / Nurturing) when the playbook keeps those out of the inbox (seed 001).
/// </summary>
public static class SalesRouting
{
    public static Lead HandRaise(Lead lead, Playbook playbook, DateTimeOffset at, string? campaign, bool overrideFit = false)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(playbook);
        var keepOut = !overrideFit && lead.Fit == Fit.Low && playbook.Routing.KeepLowFitHandRaisersOutOfSalesInbox;
        if (keepOut)
        {
            return lead.AdvanceTo(LifecycleStage.MQL, at, campaign)
                .MoveStatus(LeadStatus.Nurturing, at)
                .AssignedTo(playbook.Quadrants.GetValueOrDefault(lead.Quadrant)?.Owner ?? Team.Marketing, null);
        }

        var routed = lead.AdvanceTo(LifecycleStage.SQL, at, campaign)
            .MoveStatus(LeadStatus.New, at)
            .AssignedTo(Team.Sales, null);
        return routed.HandedToSales(at, campaign);
    }

    /// <summary>A lead whose stage has moved past the funnel's hand-raise point is worked by sales already.</summary>
    public static bool IsSalesOwnedStage(LifecycleStage stage) => stage >= LifecycleStage.SAL;
}
