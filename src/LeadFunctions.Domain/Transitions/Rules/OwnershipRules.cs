using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Domain.Transitions.Rules;

/// <summary>Who works a lead, when a person says so (a reassignment) or when a queued lead's team has a rep again.</summary>
internal static class OwnershipRules
{
    /// <summary>A manual reassignment names the rep and says why: the reason is what "why this rep" shows afterwards.</summary>
    public static Decision Reassigned(Lead lead, TransitionCommand command, Playbook playbook)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Decision.Reject(RejectionCode.ReasonRequired);
        }

        if (command.Payload.Owner is not { } owner)
        {
            return Decision.Reject(RejectionCode.MissingData);
        }

        if (owner == lead.Owner)
        {
            return Decision.Reject(RejectionCode.AlreadyOwned);
        }

        // With teams in the playbook, a lead goes only to someone routing knows (a rep or a manager), so their
        // availability, capacity and SLA escalation apply; without teams any CRM user may own it.
        var routing = playbook.Routing;
        var team = routing.TeamOf(owner) ?? routing.Teams.FirstOrDefault(t => t.Manager == owner);
        if (team is null && !routing.Teams.IsEmpty)
        {
            return Decision.Reject(RejectionCode.UnknownRep);
        }

        var teamId = team?.Id ?? lead.SalesTeam ?? RoutingIds.NoTeam;
        var assignment = new Assignment(teamId, null, owner, $"reassigned by {command.Actor}: {command.Reason}", command.OccurredAt, []);
        // The new owner's SLA clock starts now; flags raised on the last owner's clock would stop it.
        return Decision.To(lead.RoutedBy(assignment, command.OccurredAt).WithoutFlag(Lead.SlaFlags));
    }

    /// <summary>Only a lead still waiting in a team's queue is owed another try; anything else has moved on since.</summary>
    public static Decision AssignmentDue(Lead lead)
        => lead.Flags.HasFlag(LeadFlags.Unassigned) && lead.Owner is null && lead.OwnerTeam == Team.Sales
            ? Decision.To(lead)
            : Decision.Reject(RejectionCode.NotDue);
}
