using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Transitions.Rules;

/// <summary>Explicit stage moves: forward to a named stage, or the one sanctioned way backwards.</summary>
internal static class StageRules
{
    public static Decision Advance(Lead lead, TransitionCommand command, Playbook playbook)
    {
        if (command.Payload.ToStage is not { } target)
        {
            return Decision.Reject(RejectionCode.MissingData);
        }

        if (!playbook.IsEnabled(target))
        {
            return Decision.Reject(RejectionCode.StageDisabled);
        }

        if (target <= lead.Stage)
        {
            return Decision.Reject(RejectionCode.StageWouldRegress);
        }

        return Decision.To(WithStatus(lead.MoveStage(target, command.OccurredAt), command));
    }

    /// <summary>A backward move is deliberate: it must name a reason, so the funnel's history stays explainable.</summary>
    public static Decision Regress(Lead lead, TransitionCommand command, Playbook playbook)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Decision.Reject(RejectionCode.ReasonRequired);
        }

        if (command.Payload.ToStage is not { } target)
        {
            return Decision.Reject(RejectionCode.MissingData);
        }

        if (!playbook.IsEnabled(target))
        {
            return Decision.Reject(RejectionCode.StageDisabled);
        }

        if (target >= lead.Stage)
        {
            return Decision.Reject(RejectionCode.NotARegress);
        }

        if (!MayRegress(lead, target, playbook))
        {
            return Decision.Reject(RejectionCode.RegressNotAllowed);
        }

        var owner = playbook.Stages.FirstOrDefault(s => s.Name == target)?.Owner ?? lead.OwnerTeam;
        return Decision.To(WithStatus(lead.MoveStage(target, command.OccurredAt), command).AssignedTo(owner, null));
    }

    /// <summary>
    /// The stage's own list decides when the playbook gives one. Without it, a lead may go back to any earlier stage,
    /// but a customer may not: undoing a won deal is a decision the company has to write into its playbook.
    /// </summary>
    private static bool MayRegress(Lead lead, LifecycleStage target, Playbook playbook)
    {
        var customer = lead.Stage >= LifecycleStage.Customer || lead.Status == LeadStatus.CurrentCustomer;
        // A lead marked as a customer below the Customer stage is still a customer: the Customer stage's list governs it.
        var governing = customer && lead.Stage < LifecycleStage.Customer ? LifecycleStage.Customer : lead.Stage;
        return playbook.Stages.FirstOrDefault(s => s.Name == governing)?.RegressTo is { } allowed
            ? allowed.Contains(target)
            : !customer;
    }

    private static Lead WithStatus(Lead lead, TransitionCommand command)
        => command.Payload.ToStatus is { } status ? lead.MoveStatus(status, command.OccurredAt) : lead;
}
