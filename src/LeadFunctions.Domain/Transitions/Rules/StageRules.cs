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

        var owner = playbook.Stages.FirstOrDefault(s => s.Name == target)?.Owner ?? lead.OwnerTeam;
        return Decision.To(WithStatus(lead.MoveStage(target, command.OccurredAt), command).AssignedTo(owner, null));
    }

    private static Lead WithStatus(Lead lead, TransitionCommand command)
        => command.Payload.ToStatus is { } status ? lead.MoveStatus(status, command.OccurredAt) : lead;
}
